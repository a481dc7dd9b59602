import { createHash } from 'node:crypto';
import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import { liveClient } from './support/live-client.js';
import { startStreamingReplica, type StreamingReplica } from './support/streaming-replica.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
const MAX_LAG_MS = 4000;
const CONNECT_TIMEOUT_MS = 1000;

let pair: StreamingReplica;
let service: TestApp;
let keys: TestKeys;

/** A real primary, a streaming replica made from it, and the service reading from the replica. */
beforeAll(async () => {
  pair = await startStreamingReplica();
  service = await startTestApp(
    {
      DATABASE_REPLICA_URLS: pair.replicaUrl,
      REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
      REPLICA_CHECK_INTERVAL_MS: '200',
      DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      // Every read reaches a database, so where it lands can be counted.
      RESPONSE_CACHE: 'false',
    },
    { url: pair.primaryUrl, drop: async () => {} },
  );
  keys = await createTestKeys(service);
}, 180_000);
afterAll(async () => {
  await service?.close();
  await pair?.close();
});

async function membershipOf(code: string, headers: Record<string, string> = {}): Promise<string | null> {
  const answer = await service.graphql(
    `{ membership(coalition: "${SLUG}", participant: "${code}") { status } }`,
    {},
    headers,
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.membership?.status ?? null;
}

async function invite(code: string): Promise<string> {
  const response = await fetch(`${service.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(keys.admin) },
    body: JSON.stringify({
      query: `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "${code}", invitedOn: "2024-02-01" }) { version } }`,
    }),
  });
  const body = (await response.json()) as { errors?: unknown };
  expect(body.errors).toBeUndefined();
  const position = response.headers.get('x-registry-position');
  expect(position).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
  return position!;
}

/** Scans of the registry's tables counted by the replica itself (its cumulative statistics). */
async function scansOnReplica(): Promise<number> {
  const [row] = await pair.onReplica<{ scans: string }>(
    `SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0)::text AS scans FROM pg_stat_user_tables`,
  );
  return Number(row!.scans);
}

/** Reads the service sent to each server (its metrics). */
async function readsBy(): Promise<Record<string, number>> {
  const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const [, server, value] of text.matchAll(/^db_reads_total\{server="([^"]+)"\} (\d+)/gm)) {
    counts[server!] = Number(value);
  }
  return counts;
}
const replicaReads = async () =>
  Object.entries(await readsBy())
    .filter(([server]) => server !== 'primary')
    .reduce((sum, [, count]) => sum + count, 0);

async function replicaState(): Promise<{ state: string; lagMs: number | null }> {
  const health = (await (await fetch(`${service.baseUrl}/health/ready`)).json()) as {
    info?: { replicas?: { replicas: Array<{ state: string; lagMs: number | null }> } };
  };
  return health.info!.replicas!.replicas[0]!;
}

async function eventually<T>(probe: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!isDone(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await probe();
  }
  return value;
}

describe('reads on a streaming replica', () => {
  it('sends reads to the replica, as the replica’s own statistics count', async () => {
    expect((await replicaState()).state).toBe('up');
    const before = await scansOnReplica();
    for (let read = 0; read < 20; read += 1) await membershipOf('FR');
    // Each backend reports its statistics within seconds of its last transaction, not at once.
    const after = await eventually(scansOnReplica, (scans) => scans >= before + 20);
    expect(after).toBeGreaterThanOrEqual(before + 20);
  });

  it('with replay paused, a read with X-Registry-Min-Position sees the write the replica has not replayed', async () => {
    await pair.onReplica(`SELECT pg_wal_replay_pause()`);
    try {
      const position = await invite('NZ');
      // The replica is still within REPLICA_MAX_LAG_MS: a read that asks for nothing gets its stale answer…
      expect(await membershipOf('NZ')).toBeNull();
      // …and one that asks for the write's position is answered by the primary.
      expect(await membershipOf('NZ', { 'x-registry-min-position': position })).toBe('INVITED');

      // Past REPLICA_MAX_LAG_MS the replica is skipped altogether.
      const lagging = await eventually(replicaState, (replica) => replica.state === 'lagging');
      expect(lagging.state).toBe('lagging');
      expect(lagging.lagMs).toBeGreaterThan(MAX_LAG_MS);
      const sentToReplica = await replicaReads();
      expect(await membershipOf('NZ')).toBe('INVITED');
      expect(await replicaReads()).toBe(sentToReplica);
    } finally {
      await pair.onReplica(`SELECT pg_wal_replay_resume()`);
    }
    expect((await eventually(replicaState, (replica) => replica.state === 'up')).state).toBe('up');
    const sentToReplica = await replicaReads();
    expect(await membershipOf('NZ')).toBe('INVITED');
    expect(await replicaReads()).toBeGreaterThan(sentToReplica);
  });

  it('with replay paused, a live subscriber gets the state after the change (read from the primary), not the replica’s', async () => {
    const live = liveClient(service.baseUrl);
    try {
      const changed = live.subscribe(
        `subscription { membershipChanged(coalition: "${SLUG}", participant: "BO") { status version } }`,
      );
      await live.connected;
      await pair.onReplica(`SELECT pg_wal_replay_pause()`);
      try {
        await invite('BO');
        expect(await membershipOf('BO')).toBeNull();
        const delivered = await changed.next(3000);
        expect(delivered.errors).toBeUndefined();
        expect(delivered.data!.membershipChanged).toEqual({ status: 'INVITED', version: 1 });
      } finally {
        await pair.onReplica(`SELECT pg_wal_replay_resume()`);
      }
    } finally {
      await live.dispose();
    }
    expect((await eventually(replicaState, (replica) => replica.state === 'up')).state).toBe('up');
  });

  it('keeps answering while the replica is stopped, and uses it again once it is back, without a restart', async () => {
    await pair.stopReplica();
    try {
      for (let read = 0; read < 5; read += 1) {
        const started = Date.now();
        expect(await membershipOf('FR')).toBe('COMMITTED');
        expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 500);
      }
      expect((await eventually(replicaState, (replica) => replica.state === 'down')).state).toBe('down');
    } finally {
      await pair.startReplica();
    }
    expect((await eventually(replicaState, (replica) => replica.state === 'up')).state).toBe('up');
    const before = await scansOnReplica();
    const sentToReplica = await replicaReads();
    for (let read = 0; read < 10; read += 1) await membershipOf('FR');
    expect(await replicaReads()).toBeGreaterThan(sentToReplica);
    expect(await eventually(scansOnReplica, (scans) => scans > before)).toBeGreaterThan(before);
  });

  it('reports each replica on /health/ready and its pool and lag in the metrics', async () => {
    const replica = await replicaState();
    expect(replica).toMatchObject({ state: 'up' });
    const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^db_replica_lag_seconds\{replica="127\.0\.0\.1:\d+\/registry"\} [\d.e-]+$/m);
    expect(metrics).toMatch(/^db_replica_pool_connections\{replica="[^"]+",state="total"\} \d+$/m);
    expect(metrics).toMatch(/^db_pool_connections\{state="total"\} \d+$/m);
  });
});

describe('two instances on one primary and one replica', () => {
  let first: TestApp;
  let second: TestApp;
  const database = () => ({ url: pair.primaryUrl, drop: async () => {} });
  const env = () => ({ DATABASE_REPLICA_URLS: pair.replicaUrl, REPLICA_CHECK_INTERVAL_MS: '200' });
  const STATS = `query ReplicaStats { coalition(slug: "${SLUG}") { stats { total } } }`;

  beforeAll(async () => {
    first = await startTestApp(env(), database());
    second = await startTestApp(env(), database());
  }, 120_000);
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('serves through one an APQ registered through the other, answers 304 unchanged, and a write through one changes the other’s ETag', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(STATS).digest('hex') } };
    const registered = await fetch(`${first.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: STATS, extensions }),
    });
    expect(((await registered.json()) as { errors?: unknown }).errors).toBeUndefined();

    const byHash = async (headers: Record<string, string> = {}) => {
      const url = new URL(`${second.baseUrl}/graphql`);
      url.searchParams.set('extensions', JSON.stringify(extensions));
      const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true', ...headers } });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    };
    const served = await eventually(byHash, (answer) => answer.body?.data !== undefined, 10_000);
    const before = served.body.data.coalition.stats.total;
    const tag = served.headers.get('etag')!;
    expect(tag).toBeTruthy();
    expect((await byHash({ 'if-none-match': tag })).status).toBe(304);

    const position = await inviteThrough(first, 'IS');
    const after = await byHash({ 'if-none-match': tag, 'x-registry-min-position': position });
    expect(after.status).toBe(200);
    expect(after.body.data.coalition.stats.total).toBe(before + 1);
    expect(after.headers.get('etag')).not.toBe(tag);
  });

  async function inviteThrough(service: TestApp, code: string): Promise<string> {
    const response = await fetch(`${service.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(keys.admin) },
      body: JSON.stringify({
        query: `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "${code}", invitedOn: "2024-02-01" }) { version } }`,
      }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    return response.headers.get('x-registry-position')!;
  }
});
