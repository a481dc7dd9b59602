import autocannon from 'autocannon';
import type { PreparedRequest } from './operations/operation.js';
import { percentile } from './percentile.js';

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

/**
 * `warmupS` seconds of load, then `durationS` measured, on the same connections: the figures count
 * only the answers completed after the warm-up, and `onMeasureStart` runs at that moment (the CPU
 * counters' first reading). The warm-up used to be a run of its own, and the measured run then opened
 * its connections afresh into a server still busy with what the warm-up had left queued: the busy
 * server took them from the kernel's accept queue slowly (120 waiting, about 70 accepted a second),
 * and the first requests of the last ones accepted, 0.5 to 2.7 s, made the p99 at
 * 128 connections, ours and PostGraphile's alike, while no request took over 0.4 s inside the server
 * (README, "The uncached engine", fourth round). Errors are counted over the whole run.
 */
export async function runLoad(
  port: number,
  requests: PreparedRequest[],
  connections: number,
  durationS: number,
  warmupS = 0,
  onMeasureStart: () => Promise<void> | void = () => {},
): Promise<LoadResult> {
  if (requests.length === 0) throw new Error('no request to send');
  let next = 0;
  let graphqlErrors = 0;
  const latencies: number[] = [];
  let measureStart = Number.POSITIVE_INFINITY;
  let measuring: Promise<void> = Promise.resolve();
  const warmupOver = setTimeout(() => {
    measuring = Promise.resolve(onMeasureStart()).then(() => undefined);
    measureStart = performance.now();
  }, warmupS * 1000);
  // The callback form returns the running instance, whose 'response' events carry each answer's time.
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        duration: warmupS + durationS,
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
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
      if (performance.now() >= measureStart) latencies.push(responseTimeMs);
    });
  });
  const result = await done;
  const measuredS = (performance.now() - measureStart) / 1000;
  clearTimeout(warmupOver);
  await measuring;
  latencies.sort((a, b) => a - b);
  const latencyMs = (share: number) => (latencies.length === 0 ? 0 : Math.round(percentile(latencies, share)));
  const socketErrors = result.errors;
  return {
    requestsPerSecond: measuredS > 0 ? latencies.length / measuredS : 0,
    requests: latencies.length,
    p50Ms: latencyMs(0.5),
    p99Ms: latencyMs(0.99),
    errors: socketErrors + result.non2xx + graphqlErrors,
    non2xx: result.non2xx,
    graphqlErrors,
    socketErrors,
  };
}
