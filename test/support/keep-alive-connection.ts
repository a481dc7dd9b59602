import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 keep-alive connection on a raw socket, so a test controls exactly what is on the wire:
 * requests can be pipelined (written before the previous answer came), which puts them in the
 * server's socket buffer unread. Answers come back in order; a connection that closes or resets with
 * requests unanswered rejects them with what happened.
 */
export class KeepAliveConnection {
  private received = Buffer.alloc(0);
  private readonly waiting: Array<{ resolve(response: RawResponse): void; reject(error: Error): void }> = [];
  private ending: Error | undefined;

  private constructor(
    private readonly socket: net.Socket,
    private readonly host: string,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.takeAnswers();
    });
    socket.on('error', (error) => this.end(error));
    socket.on('close', () => this.end(new Error('connection closed with requests unanswered')));
  }

  static open(port: number): Promise<KeepAliveConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(new KeepAliveConnection(socket, `127.0.0.1:${port}`)));
      socket.once('error', reject);
    });
  }

  /** Writes one request at once (pipelined behind any unanswered one); resolves with its answer. */
  send(method: 'GET' | 'POST', path: string, body?: string): Promise<RawResponse> {
    const answer = new Promise<RawResponse>((resolve, reject) => {
      if (this.ending) reject(this.ending);
      else this.waiting.push({ resolve, reject });
    });
    const head = [`${method} ${path} HTTP/1.1`, `Host: ${this.host}`, 'Connection: keep-alive'];
    if (body !== undefined) {
      head.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`);
    }
    this.socket.write(`${head.join('\r\n')}\r\n\r\n${body ?? ''}`);
    return answer;
  }

  postGraphql(query: string): Promise<RawResponse> {
    return this.send('POST', '/graphql', JSON.stringify({ query }));
  }

  close(): void {
    this.socket.destroy();
  }

  private end(error: Error): void {
    this.ending ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.ending);
  }

  /** Parses every complete answer received so far (the service always sends a Content-Length). */
  private takeAnswers(): void {
    for (;;) {
      const headEnd = this.received.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const [statusLine, ...lines] = this.received.subarray(0, headEnd).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length']);
      if (!Number.isInteger(length)) {
        this.end(new Error(`an answer without Content-Length: ${statusLine}`));
        return;
      }
      const bodyStart = headEnd + 4;
      if (this.received.length < bodyStart + length) return;
      const body = this.received.subarray(bodyStart, bodyStart + length).toString('utf8');
      this.received = this.received.subarray(bodyStart + length);
      this.waiting.shift()?.resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    }
  }
}
