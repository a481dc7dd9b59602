import pg from 'pg';
import { IdempotencySweeper } from '../src/audit/idempotency-sweeper.js';
import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** What an Idempotency-Key covers (one mutation field) and how long it is remembered (IDEMPOTENCY_TTL_HOURS). */
const SLUG = 'synthetic-drug-threats';
let service: TestApp;
let keys: TestKeys;
let db: pg.Client;

beforeAll(async () => {
  service = await startTestApp({ IDEMPOTENCY_TTL_HOURS: '2' });
  keys = await createTestKeys(service);
  db = new pg.Client({ connectionString: service.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await service?.close();
});

const invitation = (alias: string, participant: string) =>
  `${alias}: recordInvitation(input: { coalition: "${SLUG}", participant: "${participant}", invitedOn: "2024-04-01" }) { status }`;

function write(mutation: string, idempotencyKey: string) {
  return service.graphql(mutation, {}, { ...bearer(keys.admin), 'idempotency-key': idempotencyKey });
}

async function count(sql: string, parameters: unknown[] = []): Promise<number> {
  return (await db.query(`SELECT count(*)::int AS n FROM ${sql}`, parameters)).rows[0].n;
}

describe('one Idempotency-Key over a mutation with several root fields', () => {
  const mutations = {
    'two fields': `mutation { ${invitation('a', 'KE')} ${invitation('b', 'TZ')} }`,
    'one field twice under aliases': `mutation { ${invitation('a', 'KE')} ${invitation('b', 'KE')} }`,
    'a field and a fragment': `mutation { ${invitation('a', 'KE')} ...more } fragment more on Mutation { ${invitation('b', 'TZ')} }`,
  };

  it.each(Object.entries(mutations))('is refused with BAD_USER_INPUT and writes nothing (%s)', async (_, mutation) => {
    const audits = await count('audit_entry');
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await write(mutation, `several-${attempt}`);
      expect(refused.status).toBe(400);
      expect(refused.data).toBeUndefined();
      expect(refused.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(refused.errors![0].message).toMatch(/one mutation field/);
    }
    expect(await count('audit_entry')).toBe(audits);
    expect(await count('idempotency_record')).toBe(0);
    const { data } = await service.graphql(`{ membership(coalition: "${SLUG}", participant: "KE") { status } }`);
    expect(data!.membership).toBeNull();
  });

  it('still serves one field, with __typename beside it', async () => {
    const once = await write(`mutation { __typename ${invitation('a', 'UG')} }`, 'one-field');
    expect(once.errors).toBeUndefined();
    const replayed = await write(`mutation { __typename ${invitation('a', 'UG')} }`, 'one-field');
    expect(replayed.data).toEqual(once.data);
  });
});

describe('idempotency records expire after IDEMPOTENCY_TTL_HOURS', () => {
  const age = (key: string, hours: number) =>
    db.query(`UPDATE idempotency_record SET created_at = now() - make_interval(hours => $2) WHERE key = $1`, [
      key,
      hours,
    ]);

  it('replays a record younger than the time to live, and not one older, swept or not', async () => {
    expect((await write(`mutation { ${invitation('a', 'RW')} }`, 'kept-key')).errors).toBeUndefined();
    await age('kept-key', 1);
    // Within two hours: the same key for another request is a reuse.
    const reused = await write(`mutation { ${invitation('a', 'BI')} }`, 'kept-key');
    expect(reused.errors![0].extensions!.code).toBe('CONFLICT');

    await age('kept-key', 3);
    // Expired, not yet swept: the key is free again, and the new request is written.
    const fresh = await write(`mutation { ${invitation('a', 'BI')} }`, 'kept-key');
    expect(fresh.errors).toBeUndefined();
    expect(fresh.data).toEqual({ a: { status: 'INVITED' } });
    expect(await count(`idempotency_record WHERE key = 'kept-key'`)).toBe(1);
  });

  it('are deleted by the background sweep, and no younger one with them', async () => {
    expect((await write(`mutation { ${invitation('a', 'MW')} }`, 'old-key')).errors).toBeUndefined();
    expect((await write(`mutation { ${invitation('a', 'ZM')} }`, 'young-key')).errors).toBeUndefined();
    await age('old-key', 5);
    await service.app.get(IdempotencySweeper).sweep();
    expect(await count(`idempotency_record WHERE key = 'old-key'`)).toBe(0);
    expect(await count(`idempotency_record WHERE key = 'young-key'`)).toBe(1);
  });
});
