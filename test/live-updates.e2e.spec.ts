import pg from 'pg';
import WebSocket from 'ws';
import { RosterImportService } from '../src/roster-import/roster-import.service.js';
import { ApiKeysService } from '../src/auth/api-keys.service.js';
import { bearer, createTestKeys, TEST_SETUP, type TestKeys } from './support/api-keys.js';
import { liveClient, type LiveClient } from './support/live-client.js';
import { startServiceProcess } from './support/service-process.js';
import { createTestDatabase, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Subscriptions over graphql-ws: two instances on one database, as behind a load balancer, each with
 * its own subscribers, fed by the change notices of writes through either.
 */
const SLUG = 'synthetic-drug-threats';
const CHANGES = `subscription($c: String) { registryChanged(coalition: $c) { coalition kind ids isTooManyToList at position } }`;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let first: TestApp;
let second: TestApp;
let keys: TestKeys;
const clients: LiveClient[] = [];

function connect(service: TestApp, params: Record<string, unknown> = {}): LiveClient {
  const client = liveClient(service.baseUrl, params);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  database = await createTestDatabase();
  first = await startTestApp(
    { LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3', LIVE_MAX_CONNECTIONS_PER_IP: '8' },
    database,
  );
  second = await startTestApp({}, database);
  keys = await createTestKeys(first);
});
afterEach(async () => {
  // Each test's connections are gone before the next test counts connections per address.
  const sleep = () => new Promise((resolve) => setTimeout(resolve, 1000));
  await Promise.all(
    clients.splice(0).map((client) => client.dispose().then(() => Promise.race([client.closed, sleep()]))),
  );
});
afterAll(async () => {
  await first.close();
  await second.close();
  await database.drop();
});

/** Country codes the registry knows that have no membership of the coalition yet. */
async function codesWithoutMembership(count: number): Promise<string[]> {
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const { rows } = await db.query<{ code: string }>(
    `SELECT p.code FROM participant p WHERE p.kind = 'COUNTRY' AND NOT EXISTS (
       SELECT 1 FROM membership m JOIN coalition c ON c.id = m.coalition_id WHERE m.participant_id = p.id AND c.slug = $1)
     ORDER BY p.code LIMIT $2`,
    [SLUG, count],
  );
  await db.end();
  return rows.map((row) => row.code);
}

function invite(service: TestApp, participant: string) {
  return service.graphql(
    `mutation($p: String!) { recordInvitation(input: { coalition: "${SLUG}", participant: $p, invitedOn: "2024-02-01" }) { id version } }`,
    { p: participant },
    bearer(keys.admin),
  );
}

describe('live updates across instances', () => {
  it('a write through one instance reaches a subscriber on each within a second', async () => {
    const onFirst = connect(first).subscribe(CHANGES, { c: SLUG });
    const onSecond = connect(second).subscribe(CHANGES, { c: SLUG });
    const stats = connect(second).subscribe(`subscription { coalitionStatsChanged(coalition: "${SLUG}") { total } }`);
    await Promise.all(clients.map((client) => client.connected));
    const before = (await second.graphql(`{ coalition(slug: "${SLUG}") { stats { total } } }`)).data!.coalition.stats
      .total as number;
    const [code] = await codesWithoutMembership(1);

    const sentAt = Date.now();
    const written = await invite(first, code);
    expect(written.errors).toBeUndefined();
    const [heardFirst, heardSecond] = await Promise.all([onFirst.next(1000), onSecond.next(1000)]);
    expect(Date.now() - sentAt).toBeLessThan(1000);

    for (const heard of [heardFirst, heardSecond]) {
      expect(heard.data!.registryChanged).toMatchObject({
        coalition: SLUG,
        kind: 'MEMBERSHIP',
        ids: [written.data!.recordInvitation.id],
        isTooManyToList: false,
      });
    }
    expect(heardFirst.data!.registryChanged.position).toBe(heardSecond.data!.registryChanged.position);
    expect((await stats.next(1000)).data!.coalitionStatsChanged.total).toBe(before + 1);
  });

  it('membershipChanged hands the membership as it stands after the change, filtered by participant', async () => {
    const [watched, other] = await codesWithoutMembership(2);
    const client = connect(second);
    const mine = client.subscribe(
      `subscription($p: String) { membershipChanged(coalition: "${SLUG}", participant: $p) { status version participant { code } } }`,
      { p: watched },
    );
    await client.connected;
    await invite(first, other);
    await invite(first, watched);
    const heard = await mine.next(1000);
    expect(heard.data!.membershipChanged).toEqual({ status: 'INVITED', version: 1, participant: { code: watched } });
    expect(mine.results).toHaveLength(1);
  });

  it('coalitionStatsChanged follows a reported figure, recorded or retracted, with stats.reported', async () => {
    const watcher = connect(second);
    const stats = watcher.subscribe(
      `subscription { coalitionStatsChanged(coalition: "${SLUG}") { reported { id wording } } }`,
    );
    await watcher.connected;
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const recorded = await first.graphql(
      `mutation($input: RecordReportedFigureInput!) { recordReportedFigure(input: $input) { id version } }`,
      {
        input: {
          coalition: SLUG,
          reportedOn: yesterday,
          combined: 201,
          wording: 'live test: 201 countries and organisations',
          source: { url: 'https://example.org/live-figure', title: 'Live figure' },
        },
      },
      bearer(keys.admin),
    );
    expect(recorded.errors).toBeUndefined();
    const figure = recorded.data!.recordReportedFigure as { id: string; version: number };
    expect((await stats.next(1000)).data!.coalitionStatsChanged.reported).toEqual({
      id: figure.id,
      wording: 'live test: 201 countries and organisations',
    });

    const retracted = await first.graphql(
      `mutation($input: RetractReportedFigureInput!) { retractReportedFigure(input: $input) { id } }`,
      { input: { id: figure.id, reason: 'a test figure', expectedVersion: figure.version } },
      bearer(keys.admin),
    );
    expect(retracted.errors).toBeUndefined();
    expect((await stats.next(1000)).data!.coalitionStatsChanged.reported?.id).not.toBe(figure.id);
  });

  it('an import of many rows reaches a subscriber as one change', async () => {
    const codes = await codesWithoutMembership(60);
    const subscription = connect(second).subscribe(CHANGES, { c: SLUG });
    await clients[0].connected;
    const report = await first.app.get(RosterImportService).importRoster({
      coalition: SLUG,
      keyName: 'test-admin',
      isDryRun: false,
      rows: codes.map((participant, index) => ({
        line: index + 2,
        participant,
        status: 'INVITED',
        date: '2024-06-01',
        sourceUrl: 'https://example.org/roster',
        sourceTitle: 'Roster',
        note: '',
      })),
    });
    expect(report).toBeDefined();
    const change = (await subscription.next(2000)).data!.registryChanged;
    expect(change.kind).toBe('MEMBERSHIP');
    expect(change.isTooManyToList || change.ids.length === codes.length).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(subscription.results).toHaveLength(1);
  });
});

describe('the limits of a live connection', () => {
  it('refuses a subscription past LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION, naming the limit', async () => {
    const client = connect(first);
    for (let index = 0; index < 3; index += 1) client.subscribe(CHANGES);
    const fourth = client.subscribe(CHANGES);
    const refused = await fourth.ended;
    expect(JSON.stringify(refused)).toContain('At most 3 subscriptions per connection');
  });

  it('applies the query limits to subscription documents, and runs no query over the socket', async () => {
    const client = connect(first);
    const aliases = Array.from({ length: 40 }, (_, index) => `a${index}: registryChanged { kind }`).join(' ');
    const tooManyAliases = client.subscribe(`subscription { ${aliases} }`);
    const deep = client.subscribe(
      `subscription { membershipChanged(coalition: "${SLUG}") { coalition { convener { memberships { nodes { coalition { convener { memberships { nodes { coalition { slug } } } } } } } } } } }`,
    );
    const query = client.subscribe('{ coalitions { slug } }');
    expect(JSON.stringify(await tooManyAliases.ended)).toMatch(/aliases/i);
    expect(JSON.stringify(await deep.ended)).toMatch(/depth/i);
    expect(JSON.stringify(await query.ended)).toContain('Only subscriptions run over a WebSocket');
  });

  it('closes a connection whose message is over LIVE_MAX_MESSAGE_BYTES with 1009', async () => {
    const client = connect(first);
    await client.connected;
    client.subscribe(`subscription { registryChanged(coalition: "${'x'.repeat(20_000)}") { kind } }`);
    expect((await client.closed).code).toBe(1009);
  });

  it('refuses a key that is not live, even where none is needed', async () => {
    const closed = await connect(first, { authorization: `Bearer ${keys.revoked}` }).closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toContain('not valid');
  });
  it('closes connections past LIVE_MAX_CONNECTIONS_PER_IP with 4029 and says why', async () => {
    const open = Array.from({ length: 8 }, () => connect(first));
    await Promise.all(open.map((client) => client.connected));
    const closed = await connect(first).closed;
    expect(closed).toEqual({ code: 4029, reason: 'Too many live connections from this address (at most 8)' });
  });
});

describe('live updates under REQUIRE_AUTH_FOR_READS', () => {
  let locked: TestApp;
  beforeAll(async () => {
    locked = await startTestApp({ REQUIRE_AUTH_FOR_READS: 'true' }, database);
  });
  afterAll(() => locked.close());

  it('closes a connection without a key in connection_init with 4401, saying how to send one', async () => {
    const closed = await connect(locked).closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toContain('connection_init');
  });

  it('serves a connection whose connection_init carries a viewer key', async () => {
    const client = connect(locked, { authorization: `Bearer ${keys.viewer}` });
    const subscription = client.subscribe(CHANGES, { c: SLUG });
    await client.connected;
    const [code] = await codesWithoutMembership(1);
    await invite(first, code);
    expect((await subscription.next(1000)).data!.registryChanged.kind).toBe('MEMBERSHIP');
  });
});

describe('a key revoked while its connection is open', () => {
  let watchful: TestApp;
  beforeAll(async () => {
    watchful = await startTestApp({ LIVE_KEEP_ALIVE_MS: '200' }, database);
  });
  afterAll(() => watchful.close());

  it('closes that connection with 4401 within a keep-alive period, and leaves the others open', async () => {
    const apiKeys = watchful.app.get(ApiKeysService);
    const soonRevoked = (await apiKeys.create('live-soon-revoked', 'viewer', TEST_SETUP)).key;
    const revokedClient = connect(watchful, { authorization: `Bearer ${soonRevoked}` });
    const keptClient = connect(watchful, { authorization: `Bearer ${keys.viewer}` });
    const kept = keptClient.subscribe(CHANGES, { c: SLUG });
    revokedClient.subscribe(CHANGES, { c: SLUG });
    await Promise.all([revokedClient.connected, keptClient.connected]);

    await apiKeys.revoke('live-soon-revoked', TEST_SETUP);
    const closed = await Promise.race([
      revokedClient.closed,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('still open after 3 s')), 3000)),
    ]);
    expect(closed).toEqual({ code: 4401, reason: expect.stringContaining('revoked') });

    const [code] = await codesWithoutMembership(1);
    await invite(first, code);
    expect((await kept.next(2000)).data!.registryChanged.kind).toBe('MEMBERSHIP');
  });
});

describe('a slow consumer', () => {
  let bounded: TestApp;
  beforeAll(async () => {
    bounded = await startTestApp(
      { LIVE_MAX_BUFFERED_BYTES: '16384', LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '30' },
      database,
    );
  });
  afterAll(() => bounded.close());
  let slow: WebSocket | undefined;
  afterEach(() => slow?.terminate());

  it('is closed with 4008 once too much waits for it, while others keep receiving', async () => {
    // A raw WebSocket whose socket stops reading once its subscriptions are acknowledged.
    const url = `${bounded.baseUrl.replace('http', 'ws')}/graphql`;
    const socket = new WebSocket(url, 'graphql-transport-ws');
    slow = socket;
    const closedWith = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await new Promise((resolve) => socket.once('message', resolve));
    // Each event weighs some 50 kB (aliased copies of a long note), so the socket's buffers fill soon.
    const copies = Array.from({ length: 25 }, (_, index) => `n${index}: history { note }`);
    const heavy = `subscription { membershipChanged(coalition: "${SLUG}") { status ${copies.join(' ')} } }`;
    for (let id = 0; id < 30; id += 1) {
      socket.send(JSON.stringify({ id: String(id), type: 'subscribe', payload: { query: heavy } }));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();

    const healthy = connect(bounded).subscribe(CHANGES, { c: SLUG });
    await clients[0].connected;
    for (const code of await codesWithoutMembership(5)) {
      const written = await bounded.graphql(
        `mutation($p: String!, $n: String!) { recordInvitation(input: { coalition: "${SLUG}", participant: $p,
           invitedOn: "2024-02-01", note: $n }) { id } }`,
        { p: code, n: 'a long note '.repeat(160) },
        bearer(keys.admin),
      );
      expect(written.errors).toBeUndefined();
      expect((await healthy.next(3000)).data!.registryChanged.ids).toEqual([written.data!.recordInvitation.id]);
    }

    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closedWith).toBe(4008);
  });
});

describe('a graceful stop', () => {
  it('closes every live socket with 1001 (Going Away) on SIGTERM, and exits 0', async () => {
    const service = await startServiceProcess({ DATABASE_URL: database.url });
    const client = liveClient(service.baseUrl);
    client.subscribe(CHANGES);
    await client.connected;
    const exited = service.stop();
    expect(await client.closed).toEqual({ code: 1001, reason: 'The server is shutting down' });
    expect(await exited).toBe(0);
  });
});
