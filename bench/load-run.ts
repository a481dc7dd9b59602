import autocannon from 'autocannon';
import type { PreparedRequest } from './operations/operation.js';

/** One timed run of autocannon against one system, questions rotated per request. */
export interface LoadResult {
  requestsPerSecond: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors and timeouts, non-2xx answers, and 2xx answers carrying GraphQL `errors`. */
  errors: number;
  non2xx: number;
  graphqlErrors: number;
  socketErrors: number;
}

const REQUEST_TIMEOUT_S = 10;

export async function runLoad(
  port: number,
  requests: PreparedRequest[],
  connections: number,
  durationS: number,
): Promise<LoadResult> {
  if (requests.length === 0) throw new Error('no request to send');
  let next = 0;
  let graphqlErrors = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: durationS,
    timeout: REQUEST_TIMEOUT_S,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    requests: [
      {
        method: 'POST',
        path: requests[0]!.path,
        body: requests[0]!.body,
        setupRequest: (request) => {
          const chosen = requests[next++ % requests.length]!;
          return { ...request, path: chosen.path, body: chosen.body };
        },
        // A GraphQL error comes with status 200: the body tells. A substring test keeps the client cheap.
        onResponse: (status, body) => {
          if (status >= 200 && status < 300 && body.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  });
  const socketErrors = result.errors;
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: socketErrors + result.non2xx + graphqlErrors,
    non2xx: result.non2xx,
    graphqlErrors,
    socketErrors,
  };
}
