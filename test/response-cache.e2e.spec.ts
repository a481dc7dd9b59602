import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { RegistryChangesService } from '../src/response-cache/registry-changes.service.js';
import { ResponseCache } from '../src/response-cache/response-cache.js';
import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import { createTestDatabase, noticesHeardBy, startTestApp, untilHeardBy, type TestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
const STATS = `{ coalition(slug: "${SLUG}") { stats { committed invitedNotParticipating } timeline(interval: YEAR) { end total } } }`;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let first: TestApp;
let second: TestApp;
let keys: TestKeys;

/** Two instances of the service on one database, as users run them behind a load balancer. */
beforeAll(async () => {
  database = await createTestDatabase();
  first = await startTestApp({}, database);
  second = await startTestApp({}, database);
  keys = await createTestKeys(first);
});
afterAll(async () => {
  await first.close();
  await second.close();
  await database.drop();
});

async function read(service: TestApp, query = STATS, headers: Record<string, string> = {}) {
  const response = await fetch(`${service.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { cache: response.headers.get('x-cache'), body: (await response.json()) as { data: any; errors?: unknown } };
}

let version = 1;
async function commit(service: TestApp, code: string) {
  const invited = await service.graphql(
    `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "${code}", invitedOn: "2024-02-01" }) { version } }`,
    {},
    bearer(keys.admin),
  );
  version = invited.data!.recordInvitation.version;
  const committed = await service.graphql(
    `mutation { changeMembershipStatus(input: { coalition: "${SLUG}", participant: "${code}", status: COMMITTED, effectiveOn: "2024-03-01",
       expectedVersion: ${version}, source: { url: "https://example.org/cache", title: "Cache test" } }) { status } }`,
    {},
    bearer(keys.admin),
  );
  expect(committed.errors).toBeUndefined();
}

describe('the response cache', () => {
  it('answers a repeated public read from the cache', async () => {
    const miss = await read(first);
    const hit = await read(first);
    expect(miss.cache).toBe('miss');
    expect(hit.cache).toBe('hit');
    expect(hit.body).toEqual(miss.body);
  });

  it('never answers with data older than an acknowledged write on the same instance', async () => {
    const before = (await read(first)).body.data.coalition.stats.committed;
    await read(first);
    await commit(first, 'NO');
    const after = await read(first);
    expect(after.body.data.coalition.stats.committed).toBe(before + 1);
  });

  it('is cleared on every other instance by a write through one (LISTEN/NOTIFY)', async () => {
    await read(second);
    const cached = await read(second);
    expect(cached.cache).toBe('hit');
    const before = cached.body.data.coalition.stats.committed;
    const heard = noticesHeardBy(second);
    await commit(first, 'SE');
    await untilHeardBy(second, heard);
    const after = await read(second);
    expect(after.body.data.coalition.stats.committed).toBe(before + 1);
    expect(after.cache).toBe('miss');
  });

  it('does not cache requests that carry a key, nor answers with errors', async () => {
    await read(first, STATS, bearer(keys.viewer));
    expect((await read(first, STATS, bearer(keys.viewer))).cache).toBeNull();
    const bad = `{ participant(code: "!!") { code } }`;
    await read(first, bad);
    expect((await read(first, bad)).cache).not.toBe('hit');
  });

  it('lets a write return at once when its own notice was heard before the commit answered', async () => {
    // The notice and the COMMIT's reply come on two sockets; when the notice wins, the writer must not
    // then wait out the echo timeout (it did: 2 s on many writes under load).
    const changes = first.app.get(RegistryChangesService);
    const writer = new pg.Client({ connectionString: database.url });
    await writer.connect();
    const id = randomUUID();
    const heardBefore = changes.generation;
    await writer.query(`SELECT pg_notify('registry_changed', $1)`, [id]);
    await writer.end();
    while (changes.generation === heardBefore) await new Promise((resolve) => setTimeout(resolve, 10));

    const outcome = await Promise.race([
      changes.settle(id).then(() => 'returned: echo already heard'),
      new Promise((resolve) => setTimeout(() => resolve('waited for the echo timeout'), 1500)),
    ]);
    expect(outcome).toBe('returned: echo already heard');
  });

  it("never answers from the cache a request Apollo's CSRF prevention would block", async () => {
    const url = `${first.baseUrl}/graphql?query=${encodeURIComponent('{ coalitions { slug } }')}`;
    const preflighted = { 'apollo-require-preflight': 'true' };
    expect((await fetch(url, { headers: preflighted })).status).toBe(200);
    const kept = await fetch(url, { headers: preflighted });
    expect(kept.headers.get('x-cache')).toBe('hit');
    // The same GET a page on another site could make a browser send: blocked, cached answer or not.
    const crossSite = await fetch(url);
    expect(crossSite.status).toBe(400);
    expect(crossSite.headers.get('x-cache')).toBeNull();
  });

  it('keeps one answer per Accept, with the content type Apollo gave it', async () => {
    const ask = (accept: string) =>
      fetch(`${first.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query: '{ coalitions { name } }' }),
      });
    await ask('application/json');
    expect((await ask('application/json')).headers.get('x-cache')).toBe('hit');
    const other = await ask('application/graphql-response+json');
    expect(other.headers.get('x-cache')).toBe('miss');
    expect(other.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const otherKept = await ask('application/graphql-response+json');
    expect(otherKept.headers.get('x-cache')).toBe('hit');
    expect(otherKept.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it('weighs answers in bytes as sent (UTF-8), not in UTF-16 units', async () => {
    const changes = new RegistryChangesService(database.url);
    await changes.onModuleInit();
    const fastify = Fastify();
    try {
      // 120 characters, 240 bytes: within a 200-byte cache counted in characters, too big counted in bytes.
      const answer = JSON.stringify({ data: { name: 'é'.repeat(100) } });
      const cache = new ResponseCache(changes, { ttlSeconds: 60, maxBytes: 200 });
      cache.install(fastify, '/graphql');
      fastify.post('/graphql', async (_request, reply) => reply.type('application/json').send(answer));
      const address = await fastify.listen({ port: 0, host: '127.0.0.1' });
      const response = await fetch(`${address}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ a }' }),
      });
      expect(await response.text()).toBe(answer);
      expect(response.headers.get('x-cache')).toBe('miss');
      expect(cache.size).toBe(0);
    } finally {
      await fastify.close();
      await changes.onApplicationShutdown();
    }
  });
});
