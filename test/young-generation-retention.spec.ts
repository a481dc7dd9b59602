import v8 from 'node:v8';
import vm from 'node:vm';
import pg from 'pg';
import { testServerUrl } from './support/test-server.js';

/**
 * patches/ (applied by patch-package on every install): two closures in our dependencies, made per
 * request, kept everything they reached alive through V8's young collections until a full one. Each
 * request's context, rows and answer were copied, then promoted, and the young collections that
 * copied them paused the service 10 to 15 ms each under load: its p99 tail (README, "The uncached
 * engine", third round). These tests fail if an upgrade of Apollo Server or pg drops a patch.
 */
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;
const oldSpaceUsed = () =>
  v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')!.space_used_size;

/** Old-space bytes that `work` left promoted after two young collections (the first copies, the second promotes). */
async function promotedBy(work: () => Promise<void> | void): Promise<number> {
  collect({ type: 'minor' });
  collect({ type: 'minor' });
  const before = oldSpaceUsed();
  await work();
  collect({ type: 'minor' });
  collect({ type: 'minor' });
  return oldSpaceUsed() - before;
}

// Imported by path: Apollo does not export it, and the patch is to this very file.
const { makeGatewayGraphQLRequestContext } =
  (await import('../node_modules/@apollo/server/dist/esm/utils/makeGatewayGraphQLRequestContext.js')) as {
    makeGatewayGraphQLRequestContext: (
      context: unknown,
      server: unknown,
      internals: unknown,
    ) => { response: { http: { status?: number; headers: { get(name: string): string | null } } } };
  };

describe("Apollo Server's gateway context (our executor's way in)", () => {
  const gatewayContextOf = (payload: string) => {
    const context = {
      request: { query: '{ __typename }', http: { method: 'POST', search: '', headers: new Map<string, string>() } },
      response: { http: { headers: new Map([['x-registry', 'yes']]), status: undefined as number | undefined } },
      contextValue: { payload },
    };
    const gateway = makeGatewayGraphQLRequestContext(
      context,
      { logger: console, cache: undefined },
      { includeStacktraceInErrorResponses: false },
    );
    return { context, gateway };
  };

  it("still reads and writes the request's real status and headers", () => {
    const { context, gateway } = gatewayContextOf('');
    expect(gateway.response.http.status).toBeUndefined();
    gateway.response.http.status = 418;
    expect(context.response.http.status).toBe(418);
    context.response.http.status = 200;
    expect(gateway.response.http.status).toBe(200);
    expect(gateway.response.http.headers.get('x-registry')).toBe('yes');
  });

  it('lets a young collection free a finished request', async () => {
    const requests = 2000;
    const payloadBytes = 5000;
    const promoted = await promotedBy(() => {
      for (let i = 0; i < requests; i += 1) gatewayContextOf(`${i}`.padEnd(payloadBytes, 'x'));
    });
    // Unpatched, 2.5 MB of the 10 MB of payloads were promoted here; patched, about 30 KB.
    expect(promoted).toBeLessThan((requests * payloadBytes) / 10);
  });
});

describe("pg's query read timeout (query_timeout, which our pools set)", () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: testServerUrl(), max: 1, query_timeout: 30_000 });
  });
  afterAll(() => pool.end());

  it('lets a young collection free a query and its rows once answered', async () => {
    const queries = 300;
    const rowsBytes = 100 * 210;
    const text = "SELECT repeat('x', 200) || n AS filler FROM generate_series(1, 100) AS n";
    const promoted = await promotedBy(async () => {
      for (let i = 0; i < queries; i += 1) await pool.query({ name: 'retention_probe', text });
    });
    expect(promoted).toBeLessThan((queries * rowsBytes) / 10);
  });

  it('still fails a query that outlives it', async () => {
    const impatient = new pg.Pool({ connectionString: testServerUrl(), max: 1, query_timeout: 200 });
    try {
      await expect(impatient.query('SELECT pg_sleep(2)')).rejects.toThrow('Query read timeout');
    } finally {
      await impatient.end();
    }
  });
});
