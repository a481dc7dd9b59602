import net from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on at this moment (the OS picks it). Used for the
 * embedded PostgreSQL and for the processes the tests and benchmarks start.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
