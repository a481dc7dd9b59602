import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.launcher.js';
import { KeepAliveConnection, type RawResponse } from './support/keep-alive-connection.js';
import { startServiceProcess, testDataDir, type ServiceProcess } from './support/service-process.js';

/**
 * SIGTERM under load, as a rolling deploy sends it: many keep-alive clients, each with a request in
 * flight and another pipelined behind it (in the service's socket buffer, unread), and idle clients
 * that send just as the signal lands. Every one of those requests must be answered 200 with full data,
 * never reset or refused; only new connections are refused once the service stops accepting them.
 * Then the pool and PostgreSQL close and the process exits 0.
 *
 * "In flight" is made certain rather than hoped for: the test holds a lock on the membership table, so
 * every page request is parked inside PostgreSQL when the signal lands, and only the release lets them
 * finish. Nothing here depends on how fast the machine is, only on the order of events.
 */
const dataDir = testDataDir('shutdown');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// One statement reaches the lock (no totalCount beside the page), so each parked request holds one connection.
const PAGE = `{ coalition(slug: "synthetic-drug-threats") { memberships(first: 100) { nodes {
  status statusSince participant { code name }
  history { status effectiveOn sources { url } } commitments { title } } } } }`;
/** Reads no membership row, so the lock does not hold it. */
const CHEAP = '{ coalitions { slug } }';
const BUSY_CONNECTIONS = 30;
const IDLE_CONNECTIONS = 10;

interface LockedService {
  service: ServiceProcess;
  port: number;
  clusterDir: string;
  release(): Promise<void>;
}

/** The built service on its embedded PostgreSQL, with the membership table locked by the test. */
async function startLockedService(env: Record<string, string>): Promise<LockedService> {
  const service = await startServiceProcess({
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_IP: '0',
    SHUTDOWN_GRACE_MS: '60000',
    RESPONSE_CACHE: 'false',
    // The lock is held for a while on purpose: no timeout may end those requests first.
    DB_STATEMENT_TIMEOUT_MS: '60000',
    DB_CONNECT_TIMEOUT_MS: '60000',
    // A connection for each parked request, and some to spare for the requests the lock does not hold.
    DB_POOL_SIZE: String(BUSY_CONNECTIONS + 15),
    ...env,
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
  return {
    service,
    port: Number(new URL(service.baseUrl).port),
    clusterDir,
    release: async () => {
      await locker.query('ROLLBACK');
      await locker.end();
    },
  };
}

async function openConnections(port: number, count: number): Promise<KeepAliveConnection[]> {
  const connections = await Promise.all(Array.from({ length: count }, () => KeepAliveConnection.open(port)));
  // Each has carried a request, so it is a live keep-alive connection the service knows.
  for (const answer of await Promise.all(connections.map((connection) => connection.postGraphql(CHEAP)))) {
    expect(answer.status).toBe(200);
  }
  return connections;
}

/**
 * On each busy connection: a page request (parked behind the lock) and a second request pipelined
 * behind it, whose answer must wait for the first one's (HTTP/1.1 answers in order).
 */
function parkPages(connections: KeepAliveConnection[]): Array<[Promise<RawResponse>, Promise<RawResponse>]> {
  return connections.map((connection) => [connection.postGraphql(PAGE), connection.postGraphql(CHEAP)]);
}

async function expectAllAnswered(parked: Array<[Promise<RawResponse>, Promise<RawResponse>]>): Promise<void> {
  for (const [page, pipelined] of parked) {
    expectFullPage(await page);
    expectCheapAnswer(await pipelined);
  }
}

function expectCheapAnswer(answer: RawResponse): void {
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toEqual({ data: { coalitions: [{ slug: 'synthetic-drug-threats' }] } });
}

function expectFullPage(answer: RawResponse): void {
  expect(answer.status).toBe(200);
  const body = JSON.parse(answer.body) as { data?: { coalition: { memberships: { nodes: unknown[] } } } };
  expect(body).not.toHaveProperty('errors');
  expect(body.data!.coalition.memberships.nodes).toHaveLength(30);
}

async function expectStoppedCleanly(locked: LockedService, exited: Promise<number | null>): Promise<void> {
  expect(await exited).toBe(0);
  expect(locked.service.output()).toMatch(/"msg":"Stopped"/);
  expect(existsSync(path.join(locked.clusterDir, 'postmaster.pid'))).toBe(false);
}

const refusedOrAnswered = (port: number) =>
  KeepAliveConnection.open(port).then(
    (connection) => {
      connection.close();
      return 'accepted';
    },
    (error: NodeJS.ErrnoException) => error.code,
  );

it('answers every request in flight, pipelined or sent as SIGTERM lands, with 200, then exits 0 (SHUTDOWN_DRAIN_MS=0)', async () => {
  const locked = await startLockedService({});
  const busy = await openConnections(locked.port, BUSY_CONNECTIONS);
  const idle = await openConnections(locked.port, IDLE_CONNECTIONS);
  const idleUntilStopped = await openConnections(locked.port, IDLE_CONNECTIONS);
  const parked = parkPages(busy);
  // Every first page request has been read by the service and waits on the lock (the scrape counts itself).
  await waitUntil(async () => (await requestsInFlight(locked.service.baseUrl)) > BUSY_CONNECTIONS, 30_000);
  // Fresh answers on the idle connections, so no keep-alive timeout is near when they send again.
  await Promise.all([...idle, ...idleUntilStopped].map((connection) => connection.postGraphql(CHEAP)));

  const exited = locked.service.stop();
  // Written as the signal lands: the service may read them before or after it; either way they are answered.
  const sentWithTheSignal = idle.map((connection) => connection.postGraphql(CHEAP));
  await waitUntil(async () => locked.service.output().includes('No longer accepting connections'), 30_000);
  expect(await refusedOrAnswered(locked.port)).toBe('ECONNREFUSED');
  // Written once the service is surely stopping, on connections it already has: still answered.
  const sentWhileStopping = idleUntilStopped.map((connection) => connection.postGraphql(CHEAP));
  await locked.release();

  await expectAllAnswered(parked);
  // Answered, whichever side of the signal the service read them on (one answered before it is kept alive).
  for (const answer of await Promise.all(sentWithTheSignal)) expectCheapAnswer(answer);
  // An answer given while stopping tells its client the connection closes (unless one more is owed on it).
  for (const answer of await Promise.all(sentWhileStopping)) {
    expectCheapAnswer(answer);
    expect(answer.headers.connection).toBe('close');
  }
  await expectStoppedCleanly(locked, exited);
}, 180_000);

it('fails readiness at once, keeps answering for SHUTDOWN_DRAIN_MS with Connection: close, then stops accepting', async () => {
  const locked = await startLockedService({ SHUTDOWN_DRAIN_MS: '10000' });
  const busy = await openConnections(locked.port, BUSY_CONNECTIONS);
  const parked = parkPages(busy);
  await waitUntil(async () => (await requestsInFlight(locked.service.baseUrl)) > BUSY_CONNECTIONS, 30_000);
  expect((await fetch(`${locked.service.baseUrl}/health/ready`)).status).toBe(200);

  const exited = locked.service.stop();
  await waitUntil(async () => locked.service.output().includes('SIGTERM received'), 30_000);
  // Draining: a new connection is still taken; readiness says 503; a request is answered, and told to close.
  const ready = await fetch(`${locked.service.baseUrl}/health/ready`);
  expect(ready.status).toBe(503);
  expect(JSON.stringify(await ready.json())).toMatch(/stopping/);
  const duringDrain = await fetch(`${locked.service.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: CHEAP }),
  });
  expect(duringDrain.status).toBe(200);
  expect(duringDrain.headers.get('connection')).toBe('close');
  expect(locked.service.output()).not.toContain('No longer accepting connections');

  await waitUntil(async () => locked.service.output().includes('No longer accepting connections'), 30_000);
  expect(await refusedOrAnswered(locked.port)).toBe('ECONNREFUSED');
  await locked.release();
  await expectAllAnswered(parked);
  await expectStoppedCleanly(locked, exited);
}, 180_000);

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
