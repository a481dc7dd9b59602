import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.launcher.js';
import { startServiceProcess, testDataDir } from './support/service-process.js';

/**
 * SIGTERM while requests are in flight: the service stops taking new ones, answers every one it had
 * (200, full data), closes the pool, stops its embedded PostgreSQL and exits 0.
 *
 * "In flight" is made certain rather than hoped for: the test holds a lock on the membership table, so
 * every page request is parked inside PostgreSQL when the signal lands, and only the release lets them finish.
 * (Timing alone was flaky: on a fast machine every request could be answered before the signal.)
 */
const dataDir = testDataDir('shutdown');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const PAGE = `{ coalition(slug: "synthetic-drug-threats") { memberships(first: 100) { totalCount nodes {
  status statusSince participant { code name }
  history { status effectiveOn sources { url } } commitments { title } } } } }`;
const REQUESTS = 8;

it('finishes the requests in flight with 200, refuses new ones, and exits 0 on SIGTERM', async () => {
  const service = await startServiceProcess({
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_IP: '0',
    SHUTDOWN_GRACE_MS: '60000',
    RESPONSE_CACHE: 'false',
    // The lock is held for a moment on purpose: no timeout may end those requests first.
    DB_STATEMENT_TIMEOUT_MS: '60000',
    DB_CONNECT_TIMEOUT_MS: '60000',
  });
  const clusterDir = service.output().match(/lives in (\S+)\./)?.[1] ?? path.join(dataDir, 'pg');
  // Joins the cluster the service started (it does not start a second one).
  const cluster = await startEmbeddedPostgres({ dataDir, isDataDirExplicit: false });
  const locker = new pg.Client({ connectionString: cluster.url });
  // The service's embedded PostgreSQL goes away at the end of the test: that is no error of the test's.
  locker.on('error', () => {});
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE membership IN ACCESS EXCLUSIVE MODE');

  const ask = async () => {
    const response = await fetch(`${service.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PAGE }),
    });
    const body = (await response.json()) as {
      data?: { coalition: { memberships: { totalCount: number } } };
      errors?: unknown;
    };
    return { status: response.status, body, answeredAt: Date.now() };
  };
  const inFlight = Array.from({ length: REQUESTS }, ask);
  // Every request has been read by the service and is parked behind the lock (the scrape counts itself).
  await waitUntil(async () => (await requestsInFlight(service.baseUrl)) === REQUESTS + 1, 30_000);

  const signalledAt = Date.now();
  const exited = service.stop();
  await waitUntil(async () => service.output().includes('SIGTERM received'), 10_000);
  const late = await fetch(`${service.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ coalitions { slug } }' }),
  }).then(
    (response) => response.status,
    () => 'refused',
  );
  await locker.query('ROLLBACK');
  await locker.end();

  const answers = await Promise.all(inFlight);
  for (const answer of answers) {
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.coalition.memberships.totalCount).toBe(26);
    expect(answer.answeredAt).toBeGreaterThan(signalledAt);
  }
  expect(late === 'refused' || late === 503).toBe(true);
  expect(await exited).toBe(0);
  expect(service.output()).toMatch(/"msg":"Stopped"/);
  expect(existsSync(path.join(clusterDir, 'postmaster.pid'))).toBe(false);
}, 120_000);

async function requestsInFlight(baseUrl: string): Promise<number> {
  const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
  return Number(/^http_requests_in_flight (\d+)$/m.exec(metrics)?.[1]);
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
