import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runLoad } from '../bench/load-run.js';

/**
 * The bench's load runs warm up and are measured on the same connections: only answers completed
 * after the warm-up count, the CPU reading is taken at that moment, and every connection is opened
 * once (a fresh set of connections into a busy server once made every system's p99 at 128).
 */
it('measures on the warm-up connections, counting only the answers completed after the warm-up', async () => {
  let served = 0;
  let servedAtMeasureStart = -1;
  let connectionsOpened = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      served += 1;
      response.setHeader('content-type', 'application/json');
      response.end(served % 50 === 0 ? '{"errors":[{"message":"x"}]}' : '{"data":{}}');
    });
  });
  server.on('connection', () => (connectionsOpened += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const result = await runLoad(port, [{ path: '/graphql', body: '{}' }], 4, 1, 1, () => {
      servedAtMeasureStart = served;
    });
    expect(servedAtMeasureStart).toBeGreaterThan(0);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.requests).toBeLessThanOrEqual(served - servedAtMeasureStart);
    expect(result.requestsPerSecond).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
    // Errors count over the whole run, warm-up included: one answer in fifty carried one (the last
    // few answers may reach the client after it stopped reading).
    expect(result.graphqlErrors).toBeGreaterThan(Math.floor(servedAtMeasureStart / 50));
    expect(result.graphqlErrors).toBeLessThanOrEqual(Math.floor(served / 50));
    expect(connectionsOpened).toBe(4);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
