import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * patches/@apollo+server+*.patch (applied by patch-package on install): Apollo Server hands our
 * executor (src/common/compiled-executor.ts, plugged in as a gateway) a context whose `response.http`
 * was an object literal with its own getter and setter. V8 keeps whatever such per-object accessors
 * reach alive through every young collection, until a full one: each request's whole context (its
 * rows, its answer, its headers) was copied and then promoted, and the young collections that copied
 * it paused the service 10 to 15 ms each (README, "The uncached engine"). If an upgrade of Apollo
 * drops the patch, these tests fail.
 */
// Imported by path: Apollo does not export it, and the patch is to this very file.
const { makeGatewayGraphQLRequestContext } =
  (await import('../node_modules/@apollo/server/dist/esm/utils/makeGatewayGraphQLRequestContext.js')) as {
    makeGatewayGraphQLRequestContext: (
      context: unknown,
      server: unknown,
      internals: unknown,
    ) => { response: { http: { status?: number; headers: { get(name: string): string | null } } } };
  };

function requestContext(payload: string) {
  return {
    request: { query: '{ __typename }', http: { method: 'POST', search: '', headers: new Map<string, string>() } },
    response: { http: { headers: new Map([['x-registry', 'yes']]), status: undefined as number | undefined } },
    contextValue: { payload },
  };
}
const server = { logger: console, cache: undefined };
const internals = { includeStacktraceInErrorResponses: false };

it("still reads and writes the request's real status and headers through the gateway context", () => {
  const context = requestContext('');
  const gateway = makeGatewayGraphQLRequestContext(context, server, internals);
  expect(gateway.response.http.status).toBeUndefined();
  gateway.response.http.status = 418;
  expect(context.response.http.status).toBe(418);
  context.response.http.status = 200;
  expect(gateway.response.http.status).toBe(200);
  expect(gateway.response.http.headers.get('x-registry')).toBe('yes');
});

it('lets a young collection free a finished request: nothing of it is promoted', () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;
  const oldSpaceUsed = () =>
    v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')!.space_used_size;
  gc({ type: 'minor' });
  gc({ type: 'minor' });
  const before = oldSpaceUsed();
  const requests = 2000;
  const payloadBytes = 5000;
  for (let i = 0; i < requests; i += 1) {
    makeGatewayGraphQLRequestContext(requestContext(`${i}`.padEnd(payloadBytes, 'x')), server, internals);
  }
  // Two young collections: the first copies what is still reachable, the second promotes it.
  gc({ type: 'minor' });
  gc({ type: 'minor' });
  const promoted = oldSpaceUsed() - before;
  // Unpatched, 2.5 MB of the 10 MB of payloads were promoted here (the last few hundred requests');
  // patched, about 30 KB: the test's own.
  expect(promoted).toBeLessThan((requests * payloadBytes) / 10);
});
