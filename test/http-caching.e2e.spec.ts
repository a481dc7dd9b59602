import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { INPUT_LIMITS } from '../src/common/input-rules.js';
import { MANIFEST_FILE } from '../src/persisted-queries/persisted-queries.service.js';
import type { PersistedQueryManifest } from '../src/persisted-queries/operation-safelist.js';
import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import { liveClient } from './support/live-client.js';
import { createTestDatabase, noticesHeardBy, startTestApp, untilHeardBy, type TestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
const STATS = `query CachedStats { coalition(slug: "${SLUG}") { stats { committed } } }`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let first: TestApp;
let second: TestApp;
let keys: TestKeys;

/** Two instances on one database, as a CDN or load balancer in front of them sees them. */
beforeAll(async () => {
  database = await createTestDatabase();
  first = await startTestApp({ CACHE_MAX_AGE_SECONDS: '30' }, database);
  second = await startTestApp({ CACHE_MAX_AGE_SECONDS: '30' }, database);
  keys = await createTestKeys(first);
});
afterAll(async () => {
  await first.close();
  await second.close();
  await database.drop();
});

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> } | undefined;
}

async function get(
  service: TestApp,
  params: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const url = new URL(`${service.baseUrl}/graphql`);
  for (const [name, value] of Object.entries(params)) {
    url.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
}

async function post(service: TestApp, payload: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${service.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: JSON.parse(text) as NonNullable<Answer['body']>,
  };
}

const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

async function commitSomeone(service: TestApp, code: string) {
  const invited = await service.graphql(
    `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "${code}", invitedOn: "2024-02-01" }) { version } }`,
    {},
    bearer(keys.admin),
  );
  const committed = await service.graphql(
    `mutation { changeMembershipStatus(input: { coalition: "${SLUG}", participant: "${code}", status: COMMITTED,
       effectiveOn: "2024-03-01", expectedVersion: ${invited.data!.recordInvitation.version},
       source: { url: "https://example.org/etag", title: "ETag test" } }) { status } }`,
    {},
    bearer(keys.admin),
  );
  expect(committed.errors).toBeUndefined();
}

describe('HTTP caching of public GET reads', () => {
  it('gives a public GET read an ETag and a public Cache-Control, and answers 304 to a matching If-None-Match', async () => {
    const answer = await get(second, { query: STATS });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=30, stale-while-revalidate=60');
    const tag = answer.headers.get('etag');
    expect(tag).toMatch(/^"[\w-]+"$/);

    const revalidated = await get(second, { query: STATS }, { 'if-none-match': tag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
    expect(revalidated.headers.get('etag')).toBe(tag);
    // Every instance gives the same answer the same tag: a CDN may revalidate against any of them.
    expect((await get(first, { query: STATS })).headers.get('etag')).toBe(tag);
  });

  it('a write through one instance clears the other one’s cache and changes the ETag', async () => {
    await get(second, { query: STATS });
    const cached = await get(second, { query: STATS });
    expect(cached.headers.get('x-cache')).toBe('hit');
    const before = cached.body!.data.coalition.stats.committed;

    const heard = noticesHeardBy(second);
    await commitSomeone(first, 'NO');
    await untilHeardBy(second, heard);
    const after = await get(second, { query: STATS }, { 'if-none-match': cached.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.headers.get('x-cache')).toBe('miss');
    expect(after.body!.data.coalition.stats.committed).toBe(before + 1);
    expect(after.headers.get('etag')).not.toBe(cached.headers.get('etag'));
  });

  it('answers an authenticated read, an error and a POST with private, no-store and no ETag', async () => {
    const authenticated = await get(second, { query: STATS }, bearer(keys.viewer));
    const failed = await get(second, { query: '{ coalition(slug: 1) { name } }' });
    const posted = await post(second, { query: STATS });
    for (const answer of [authenticated, failed, posted]) {
      expect(answer.headers.get('cache-control')).toBe('private, no-store');
      expect(answer.headers.get('etag')).toBeNull();
    }
    expect(authenticated.body!.data.coalition).toBeDefined();
  });
});

describe('automatic persisted queries', () => {
  it('serves, on every instance, a query registered through one (the store is in PostgreSQL)', async () => {
    const query = `query PersistedElsewhere { coalition(slug: "${SLUG}") { name launchedOn } }`;
    const unknown = await get(second, { extensions: persisted(query) });
    expect(unknown.body!.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await post(first, { query, extensions: persisted(query) });
    expect(registered.body.data.coalition.name).toBeTruthy();

    // Apollo stores the query once the operation has been answered: poll briefly for it.
    let served: Answer | undefined;
    for (let attempt = 0; attempt < 50; attempt += 1) {
      served = await get(second, { extensions: persisted(query) });
      if (!served.body!.errors) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(served!.body!.data).toEqual(registered.body.data);
    expect(served!.headers.get('etag')).toBeTruthy();
  });

  it('refuses a hash that does not match its query', async () => {
    const answer = await post(second, { query: STATS, extensions: persisted('{ coalitions { slug } }') });
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
  });
});

describe('bounds of the persisted-query store', () => {
  const stored = async (service: TestApp): Promise<string[]> =>
    (await service.app.get(DataSource).query(`SELECT sha256 FROM persisted_query`)).map(
      (row: { sha256: string }) => row.sha256,
    );

  /**
   * Registers `query` through `service` and waits until the store has it and has forgotten what is over
   * `max` (Apollo stores it after answering).
   */
  async function register(service: TestApp, query: string, max: number) {
    const answer = await post(service, { query, extensions: persisted(query) });
    expect(answer.body.errors).toBeUndefined();
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const hashes = await stored(service);
      if (hashes.includes(sha256(query)) && hashes.length <= max) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${query} was not registered`);
  }

  it('refuses to register a query longer than a persisted query may be, and stores nothing', async () => {
    const padded = `query Padded { coalition(slug: "${SLUG}") { name } }\n# ${'x'.repeat(INPUT_LIMITS.persistedQuery)}`;
    const refused = await post(first, { query: padded, extensions: persisted(padded) });
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.body.errors?.[0]?.message).toContain(`at most ${INPUT_LIMITS.persistedQuery} characters`);

    for (const service of [first, second]) {
      const byHash = await get(service, { extensions: persisted(padded) });
      expect(byHash.body!.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    }
    expect(await stored(first)).not.toContain(sha256(padded));
    // Sent without the extension, the same text still runs.
    expect((await post(first, { query: padded })).body.data.coalition.name).toBeTruthy();
  });

  it('forgets the least recently used hashes first: one in use outlives the unused registered after it', async () => {
    const bounded = await createTestDatabase();
    const registrar = await startTestApp({ PERSISTED_QUERIES_MAX: '10' }, bounded);
    const reader = await startTestApp({ PERSISTED_QUERIES_MAX: '10' }, bounded);
    try {
      const unused = (index: number) => `query Unused${index} { coalition(slug: "${SLUG}") { name } }`;
      const inUse = `query InUse { coalition(slug: "${SLUG}") { launchedOn } }`;
      await register(registrar, inUse, 10);
      for (let index = 0; index < 5; index += 1) await register(registrar, unused(index), 10);
      // The other instance has never seen the hash: it reads it from the store and marks it used.
      expect((await get(reader, { extensions: persisted(inUse) })).body!.data.coalition.launchedOn).toBeTruthy();
      for (let index = 5; index < 14; index += 1) await register(registrar, unused(index), 10);

      const kept = await stored(registrar);
      expect(kept).toHaveLength(10);
      expect(kept).toContain(sha256(inUse));
      for (let index = 0; index < 5; index += 1) expect(kept).not.toContain(sha256(unused(index)));
      for (let index = 5; index < 14; index += 1) expect(kept).toContain(sha256(unused(index)));
    } finally {
      await registrar.close();
      await reader.close();
      await bounded.drop();
    }
  });
});

describe('PERSISTED_QUERIES_ONLY=true', () => {
  let safelisted: TestApp;
  const manifest = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as PersistedQueryManifest;
  const byName = (name: string) => manifest.operations.find((operation) => operation.name === name)!;
  const coalitions = byName('DashboardCoalitions');

  beforeAll(async () => {
    safelisted = await startTestApp({ PERSISTED_QUERIES_ONLY: 'true' }, database);
  });
  afterAll(() => safelisted.close());

  it('runs a registered operation by its hash alone', async () => {
    const answer = await get(safelisted, { extensions: persisted(coalitions.body) });
    expect(answer.body!.data.coalitions).toEqual(expect.arrayContaining([expect.objectContaining({ slug: SLUG })]));
  });

  it('runs a registered operation sent whole', async () => {
    const answer = await post(safelisted, { query: coalitions.body });
    expect(answer.body.errors).toBeUndefined();
  });

  const organisation = (code: string) => ({
    input: { kind: 'INTERNATIONAL_ORGANIZATION', code, name: `Safelist test ${code}` },
  });

  it('registers every operation the console and the sign-in send', () => {
    const names = manifest.operations.map((operation) => `${operation.type} ${operation.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'query Viewer',
        'query ConsoleCoalitions',
        'query ConsoleMembership',
        'query ConsoleAudit',
        'mutation ConsoleInvite',
        'mutation ConsoleChangeStatus',
        'mutation ConsoleRecordCommitment',
        'mutation ConsoleCommitmentStatus',
        'mutation ConsoleAddParticipant',
        'mutation ConsoleImportRoster',
      ]),
    );
  });

  it('runs a registered mutation sent whole, and one sent by its hash alone', async () => {
    const addParticipant = byName('ConsoleAddParticipant').body;
    const whole = await post(
      safelisted,
      { query: addParticipant, variables: organisation('SAFEWHOLE') },
      bearer(keys.admin),
    );
    expect(whole.body.errors).toBeUndefined();
    expect(whole.body.data.addParticipant).toMatchObject({ code: 'SAFEWHOLE' });
    const hashed = await post(
      safelisted,
      { extensions: persisted(addParticipant), variables: organisation('SAFEHASH') },
      bearer(keys.admin),
    );
    expect(hashed.body.errors).toBeUndefined();
    expect(hashed.body.data.addParticipant).toMatchObject({ code: 'SAFEHASH' });
  });

  it.each([
    ['sent whole', 'UNSAFEWHOLE', (query: string) => ({ query })],
    ['by its hash', 'UNSAFEHASH', (query: string) => ({ extensions: persisted(query) })],
    ['registering itself', 'UNSAFEREG', (query: string) => ({ query, extensions: persisted(query) })],
  ])('refuses an unregistered mutation %s, and writes nothing', async (_how, code, payload) => {
    const unregistered = `mutation Unregistered($input: AddParticipantInput!) { addParticipant(input: $input) { code } }`;
    const answer = await post(
      safelisted,
      { ...payload(unregistered), variables: organisation(code) },
      bearer(keys.admin),
    );
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const { data } = await first.graphql(`{ participant(code: "${code}") { code } }`, {});
    expect(data!.participant).toBeNull();
  });

  it('runs the dashboard’s registered subscription over the live socket, and refuses an unregistered one', async () => {
    const live = liveClient(safelisted.baseUrl);
    try {
      await live.connected;
      const registered = live.subscribe(byName('DashboardChanges').body, { c: SLUG });
      const unregistered = live.subscribe(`subscription Unregistered { registryChanged { kind ids } }`);
      const refusal = (await unregistered.ended).error as Array<{ extensions?: { code?: string } }>;
      expect(refusal[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      const invitation = { coalition: SLUG, participant: 'BO', invitedOn: '2024-02-01' };
      const written = await post(
        safelisted,
        { query: byName('ConsoleInvite').body, variables: { input: invitation } },
        bearer(keys.admin),
      );
      expect(written.body.errors).toBeUndefined();
      const change = await registered.next();
      expect(change.errors).toBeUndefined();
      expect(change.data?.registryChanged.position).toEqual(expect.any(Number));
    } finally {
      await live.dispose();
    }
  });

  it.each([
    ['sent whole', { query: STATS }],
    ['by its hash', { extensions: persisted(STATS) }],
    ['registering itself', { query: STATS, extensions: persisted(STATS) }],
  ])('refuses an unregistered query %s with PERSISTED_QUERY_NOT_FOUND', async (_how, payload) => {
    const answer = await post(safelisted, payload);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
