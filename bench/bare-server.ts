import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { OPERATION_NAMES, type OperationName } from './bench-options.js';
import { BARE_QUERIES } from './bare-queries.js';

/**
 * The floor of the benchmark: node:http and a pg pool, one prepared SQL statement per question
 * (POST /<operation> with the variables as JSON), the response body written by PostgreSQL.
 * Environment: DATABASE_URL, PORT, DB_POOL_SIZE. Only for the benchmark; listens on 127.0.0.1.
 */
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE || 10),
  application_name: 'coalition-registry-bench-bare',
});

function isOperation(name: string): name is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(name);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const name = (req.url ?? '').slice(1);
  if (req.method !== 'POST' || !isOperation(name)) return send(res, 404, '{"errors":[{"message":"not found"}]}');
  const variables = JSON.parse(await readBody(req)) as Record<string, unknown>;
  const query = BARE_QUERIES[name];
  const result = await pool.query<{ body: string }>({ name, text: query.sql, values: query.parameters(variables) });
  send(res, 200, result.rows[0]!.body);
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    process.stderr.write(`bare: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!res.headersSent) send(res, 500, '{"errors":[{"message":"internal error"}]}');
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () =>
  process.stdout.write(`bare listening on ${process.env.PORT}\n`),
);

const stop = () => {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
