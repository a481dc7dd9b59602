import pg from 'pg';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../src/auth/api-keys.service.js';
import { RosterImportService, type ImportReport } from '../src/roster-import/roster-import.service.js';
import { bearer, createTestKeys, TEST_SETUP, type TestKeys } from './support/api-keys.js';
import { brokenInvariants, membershipRecords } from './support/membership-records.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The roster import and an admin's mutation on the same membership, raced for certain: a separate
 * connection holds a lock both must wait for, the test waits until both are waiting (in a known
 * order), then lets go. Whoever goes first, nothing is lost, nothing forbidden is recorded, and the
 * audit log tells the truth.
 */
const SLUG = 'synthetic-drug-threats';
let service: TestApp;
let keys: TestKeys;
let db: DataSource;
let spare: string[];

beforeAll(async () => {
  service = await startTestApp();
  keys = await createTestKeys(service);
  await service.app.get(ApiKeysService).create('race-importer', 'admin', TEST_SETUP);
  db = service.app.get(DataSource);
  const rows: Array<{ code: string }> = await db.query(
    `SELECT code FROM participant p WHERE kind = 'COUNTRY'
        AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.participant_id = p.id) ORDER BY code LIMIT 10`,
  );
  spare = rows.map((row) => row.code);
});
afterAll(() => service.close());

const source = (url = 'https://example.org/race') => ({ url, title: 'Race report' });

async function invite(code: string, invitedOn: string, url?: string) {
  const { data, errors } = await service.graphql(
    `mutation($input: RecordInvitationInput!) { recordInvitation(input: $input) { status version } }`,
    { input: { coalition: SLUG, participant: code, invitedOn, source: source(url) } },
    bearer(keys.admin),
  );
  return { data: data?.recordInvitation, errors };
}

async function change(code: string, status: string, effectiveOn: string, expectedVersion: number) {
  const { data, errors } = await service.graphql(
    `mutation($input: ChangeMembershipStatusInput!) { changeMembershipStatus(input: $input) { status version } }`,
    { input: { coalition: SLUG, participant: code, status, effectiveOn, expectedVersion, source: source() } },
    bearer(keys.admin),
  );
  return { data: data?.changeMembershipStatus, errors };
}

function importRows(rows: Array<{ participant: string; status: string; date: string }>): Promise<ImportReport> {
  return service.app.get(RosterImportService).importRoster({
    coalition: SLUG,
    keyName: 'race-importer',
    isDryRun: false,
    rows: rows.map((row, index) => ({
      line: index + 2,
      ...row,
      sourceUrl: 'https://example.org/roster',
      sourceTitle: 'Roster',
      note: '',
    })),
  });
}

/** A transaction on a connection of its own that holds what `lock` takes until `release`. */
async function hold(lock: string, params: unknown[]): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: service.databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query(lock, params);
  return {
    async release() {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

const holdMembership = (code: string) =>
  hold(
    `SELECT m.id FROM membership m JOIN participant p ON p.id = m.participant_id WHERE p.code = $1 FOR UPDATE OF m`,
    [code],
  );

/** Resolves once `count` backends of this database wait on a lock: the race is then set. */
async function waitersReach(count: number): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const [{ waiting }] = await db.query(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${count} writers never came to wait on the lock`);
}

async function recordOf(code: string) {
  const record = (await membershipRecords(db, SLUG, [code])).get(code);
  if (!record) throw new Error(`${code} has no membership`);
  expect(brokenInvariants(record)).toEqual([]);
  return record;
}

describe('the roster import raced against an admin on one membership', () => {
  it('admin first: the import meets the new state, reports the row as a conflict by line, and applies nothing', async () => {
    const [code, bystander] = spare;
    expect((await invite(code, '2024-01-10')).data).toEqual({ status: 'INVITED', version: 1 });
    const lock = await holdMembership(code);
    const admin = change(code, 'DECLINED', '2024-02-01', 1);
    await waitersReach(1);
    const imported = importRows([
      { participant: bystander, status: 'COMMITTED', date: '2024-03-01' },
      { participant: code, status: 'COMMITTED', date: '2024-03-01' },
    ]);
    await waitersReach(2);
    await lock.release();

    expect((await admin).data).toEqual({ status: 'DECLINED', version: 2 });
    const report = await imported;
    expect(report.isApplied).toBe(false);
    expect(report.problems).toEqual([
      { line: 3, message: expect.stringMatching(/^conflict: .*cannot go from DECLINED to COMMITTED/) },
    ]);
    const record = await recordOf(code);
    expect(record).toMatchObject({ status: 'DECLINED', version: 2 });
    expect(record.events.map((event) => event.status)).toEqual(['INVITED', 'DECLINED']);
    expect(record.audits.map((entry) => entry.operation)).toEqual(['recordInvitation', 'changeMembershipStatus']);
    expect(record.audits[1].before).toMatchObject({ status: 'INVITED', version: 1 });
    // All or nothing: the row that passed was not applied either.
    expect((await membershipRecords(db, SLUG, [bystander])).has(bystander)).toBe(false);
  });

  it('import first: the admin meets the new version (CONFLICT), and the import audit has a true before', async () => {
    const code = spare[2];
    await invite(code, '2024-01-10');
    const lock = await holdMembership(code);
    const imported = importRows([{ participant: code, status: 'COMMITTED', date: '2024-03-01' }]);
    await waitersReach(1);
    const admin = change(code, 'DECLINED', '2024-02-01', 1);
    await waitersReach(2);
    await lock.release();

    expect(await imported).toMatchObject({ isApplied: true, created: 0, changed: 1, unchanged: 0, problems: [] });
    const refused = await admin;
    expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const record = await recordOf(code);
    expect(record).toMatchObject({ status: 'COMMITTED', version: 2 });
    expect(record.events.map((event) => event.status)).toEqual(['INVITED', 'COMMITTED']);
    expect(record.audits.map((entry) => entry.operation)).toEqual(['recordInvitation', 'importRoster']);
    expect(record.audits[1].before).toMatchObject({ status: 'INVITED', version: 1 });
  });

  it('admin first with the status the roster gives: the import writes nothing and counts the row unchanged', async () => {
    const code = spare[3];
    await invite(code, '2024-01-10');
    const lock = await holdMembership(code);
    const admin = change(code, 'COMMITTED', '2024-02-01', 1);
    await waitersReach(1);
    const imported = importRows([{ participant: code, status: 'COMMITTED', date: '2024-03-01' }]);
    await waitersReach(2);
    await lock.release();

    expect((await admin).data).toEqual({ status: 'COMMITTED', version: 2 });
    expect(await imported).toMatchObject({ isApplied: true, created: 0, changed: 0, unchanged: 1 });
    const record = await recordOf(code);
    expect(record.events.map((event) => event.status)).toEqual(['INVITED', 'COMMITTED']);
    expect(record.audits).toHaveLength(2);
  });

  it('an admin creating the membership while the import would: the import applies its still-valid change on top', async () => {
    const code = spare[4];
    const url = 'https://example.org/race-invitation';
    // The admin's transaction stops at citing this source (after creating the membership) until released.
    const lock = await hold(`INSERT INTO source (url, title) VALUES ($1, 'held')`, [url]);
    const admin = invite(code, '2024-01-10', url);
    await waitersReach(1);
    const imported = importRows([{ participant: code, status: 'COMMITTED', date: '2024-03-01' }]);
    await waitersReach(2);
    await lock.release();

    expect((await admin).data).toEqual({ status: 'INVITED', version: 1 });
    expect(await imported).toMatchObject({ isApplied: true, created: 0, changed: 1, problems: [] });
    const record = await recordOf(code);
    expect(record).toMatchObject({ status: 'COMMITTED', version: 2 });
    expect(record.audits.map((entry) => entry.operation)).toEqual(['recordInvitation', 'importRoster']);
    expect(record.audits[1].before).toMatchObject({ status: 'INVITED', version: 1 });
  });
});
