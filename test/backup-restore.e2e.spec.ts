import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { verifyBackup } from '../src/backup/backup-file.js';
import { DATASET_REVISIONS } from '../src/seed/dataset-revisions.js';
import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import { BACKUP, backupText, RESTORE, startWriter, writtenFile, type Writer } from './support/backup-cli.js';
import { runCli, type CliResult } from './support/run-cli.js';
import { createTestDatabase, startTestApp, type TestApp } from './support/test-app.js';

/**
 * The backup's promise: what it restores is the registry exactly as it stood at one moment, even
 * while the service keeps writing, and the restored registry carries on from there.
 */
const SLUG = 'synthetic-drug-threats';
const folder = mkdtempSync(path.join(tmpdir(), 'backup-restore-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const SOURCE = { url: 'https://example.org/backup-test', title: 'Backup test source' };

/** A fixed set of reads covering every kind of row: roster, history, sources, figures, stats, audit. */
const READS: Record<string, string> = {
  coalition: `{ coalition(slug: "${SLUG}") { id name rosterNote foundingText launchedOn
      convener { code } sources { id url title publisher publishedOn }
      stats { total committed invitedNotParticipating byStatus { status count } byKind { kind total committed }
              byRegion { region total committed } reported { countries wording } }
      atLaunch: stats(asOf: "2023-07-07") { total committed }
      timeline(interval: QUARTER, from: "2023-07-01", to: "2024-12-31") { start end total byStatus { status count } }
      reportedFigures { id reportedOn countries countriesQualifier organizations wording sources { id url } }
      events { id occurredOn title sources { url } } linesOfEffort { id key name subGroups workingGroup }
      engagedNonMembers { id note participant { code } sources { url } } } }`,
  roster: `{ coalition(slug: "${SLUG}") { memberships(first: 80, orderBy: { field: PARTICIPANT_CODE }) { totalCount pageInfo { hasNextPage }
      nodes { id status statusSince statusSincePrecision invitedOn version role note participant { id code name }
        history { id status effectiveOn effectiveOnPrecision isAttested recordedAt recordedBy note sources { id url title } }
        commitments(first: 5) { id title description lineOfEffort status madeOn isAttested version sources { id url } } } } } }`,
  newZealand: `{ membership(coalition: "${SLUG}", participant: "NZ") { status version statusSince
      history { status effectiveOn recordedBy sources { url } } commitments { id title status version }
      all: history(includeRetracted: true) { id status effectiveOn retraction { at by reason sources { url } } correctionOf { id } } } }`,
  organisation: `{ participant(code: "INTERPOL") { id code name kind aliases } }`,
  search: `{ searchParticipants(text: "new", first: 20) { code name } }`,
  audit: `{ auditLog(first: 100) { totalCount nodes { id at actor role operation before after } } }`,
};

async function answers(service: TestApp, keys: TestKeys): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(READS)) {
    const { data, errors } = await service.graphql(query, {}, name === 'audit' ? bearer(keys.admin) : {});
    if (errors) throw new Error(`${name}: ${JSON.stringify(errors)}`);
    result[name] = data;
  }
  return result;
}

async function mutate(service: TestApp, keys: TestKeys, query: string, headers: Record<string, string> = {}) {
  const { data, errors } = await service.graphql(query, {}, { ...bearer(keys.admin), ...headers });
  if (errors) throw new Error(JSON.stringify(errors));
  return data!;
}

const source = `source: { url: "${SOURCE.url}", title: "${SOURCE.title}" }`;
const IDEMPOTENT_INVITATION = `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "INTERPOL",
  invitedOn: "2024-08-01", ${source} }) { id status version } }`;

/** Admin writes of every kind there is: a participant, invitations, a status change, a commitment and its progress, a correction and a retraction. */
async function adminWrites(service: TestApp, keys: TestKeys): Promise<void> {
  await mutate(
    service,
    keys,
    `mutation { addParticipant(input: { kind: INTERNATIONAL_ORGANIZATION, code: "INTERPOL",
      name: "International Criminal Police Organization" }) { code } }`,
  );
  await mutate(
    service,
    keys,
    `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "NZ", invitedOn: "2024-06-01", ${source} }) { version } }`,
  );
  await mutate(
    service,
    keys,
    `mutation { changeMembershipStatus(input: { coalition: "${SLUG}", participant: "NZ", status: COMMITTED,
      effectiveOn: "2024-07-01", expectedVersion: 1, ${source} }) { version } }`,
  );
  const { recordCommitment } = await mutate(
    service,
    keys,
    `mutation { recordCommitment(input: { coalition: "${SLUG}", participant: "NZ", title: "Early-warning network",
      lineOfEffort: DETECT_EMERGING_THREATS, madeOn: "2024-07-02", ${source} }) { id } }`,
  );
  await mutate(
    service,
    keys,
    `mutation { updateCommitmentStatus(input: { id: "${recordCommitment.id}", status: IN_PROGRESS, expectedVersion: 1,
      ${source} }) { version } }`,
  );
  // A correction (a retracted event and the event replacing it) and a retracted commitment.
  const { membership } = await mutate(
    service,
    keys,
    `{ membership(coalition: "${SLUG}", participant: "NZ") { version history { id status } } }`,
  );
  await mutate(
    service,
    keys,
    `mutation { correctMembershipEvent(input: { id: "${membership.history[1].id}", expectedVersion: ${membership.version},
      reason: "The source dates it a fortnight earlier", effectiveOn: "2024-06-15", ${source} }) { version } }`,
  );
  const { recordCommitment: mistaken } = await mutate(
    service,
    keys,
    `mutation { recordCommitment(input: { coalition: "${SLUG}", participant: "NZ", title: "Mistaken pledge",
      madeOn: "2024-07-02", ${source} }) { id } }`,
  );
  await mutate(
    service,
    keys,
    `mutation { retractCommitment(input: { id: "${mistaken.id}", expectedVersion: 1, reason: "Another country's", ${source} }) { version } }`,
  );
  await mutate(service, keys, IDEMPOTENT_INVITATION, { 'idempotency-key': 'invite-interpol' });
}

async function nonMembers(databaseUrl: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(
    `SELECT p.code FROM participant p WHERE p.kind = 'COUNTRY' AND p.code <> 'NZ'
     AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.participant_id = p.id) ORDER BY p.code LIMIT $1`,
    [count],
  );
  await client.end();
  return rows.map((row) => row.code as string);
}

/** Waits until the backup's session, its snapshot already taken, waits for a lock. */
async function backupIsWaitingOnLock(databaseUrl: string, backup: Promise<CliResult>): Promise<void> {
  let isBackupOver = false;
  void backup.then(() => (isBackupOver = true));
  // Its own connection, outside any transaction: pg_stat_activity is read once per transaction.
  const observer = new pg.Client({ connectionString: databaseUrl });
  await observer.connect();
  try {
    for (let attempt = 0; attempt < 3000; attempt += 1) {
      const { rows } = await observer.query(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = 'coalition-registry backup'
         AND datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (rows.length > 0) return;
      if (isBackupOver) throw new Error(`the backup ended without waiting: ${JSON.stringify(await backup)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the backup never reached the locked table');
  } finally {
    await observer.end();
  }
}

async function maxima(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(
    `SELECT (SELECT max(id) FROM audit_entry)::int AS audit, (SELECT max(sequence) FROM membership_event)::int AS event,
            (SELECT max(id) FROM citation)::int AS citation`,
  );
  await client.end();
  return rows[0] as { audit: number; event: number; citation: number };
}

it('restores the registry exactly as it stood at the backup, taken while a writer kept writing, and the restored registry carries on', async () => {
  const sourceService = await startTestApp();
  const target = await createTestDatabase();
  let restored: TestApp | undefined;
  let writer: Writer | undefined;
  let lockHolder: pg.Client | undefined;
  try {
    const keys = await createTestKeys(sourceService);
    await adminWrites(sourceService, keys);
    const codes = await nonMembers(sourceService.databaseUrl, 40);
    writer = startWriter(async (n) => {
      await mutate(
        sourceService,
        keys,
        `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "${codes[n]}", invitedOn: "2024-09-01" }) { version } }`,
      );
    });
    await writer.reach(3);

    // The moment of the backup: no write in flight, the answers read, then the backup takes its
    // snapshot and is held behind a lock on a table no write touches, while the writer writes on.
    await writer.pause();
    const atBackup = await answers(sourceService, keys);
    expect((atBackup.roster as any).coalition.memberships.pageInfo.hasNextPage).toBe(false);
    lockHolder = new pg.Client({ connectionString: sourceService.databaseUrl });
    await lockHolder.connect();
    await lockHolder.query('BEGIN');
    await lockHolder.query('LOCK TABLE coalition_event IN ACCESS EXCLUSIVE MODE');
    const backup = runCli(BACKUP, ['--out', folder], sourceService.databaseUrl);
    await backupIsWaitingOnLock(sourceService.databaseUrl, backup);
    writer.resume();
    const writtenBefore = writer.count;
    await writer.reach(writtenBefore + 5);
    await lockHolder.query('COMMIT');
    const file = writtenFile(await backup);
    await writer.reach(writer.count + 2);
    await writer.stop();

    const afterwards = await answers(sourceService, keys);
    expect((afterwards.audit as any).auditLog.totalCount).toBeGreaterThanOrEqual(
      (atBackup.audit as any).auditLog.totalCount + 7,
    );
    const manifest = await verifyBackup(file);
    const rowsOf = (table: string) => manifest.tables.find((entry) => entry.name === table)!.rows;
    expect(rowsOf('audit_entry')).toBe((atBackup.audit as any).auditLog.totalCount);
    expect(rowsOf('membership')).toBe((atBackup.roster as any).coalition.memberships.totalCount);
    expect(rowsOf('api_key')).toBe(3);
    expect(rowsOf('idempotency_record')).toBe(1);
    expect(manifest.datasetRevision).toBe(DATASET_REVISIONS.at(-1)!.revision);
    // Keys travel as scrypt hashes only.
    expect(backupText(file)).not.toContain(keys.admin);
    expect(backupText(file)).not.toContain(keys.admin.split('_').at(-1));

    const restore = await runCli(RESTORE, [file, '--into', target.url], {});
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/Restored \d+ rows in \d+ tables into .*: row counts match the manifest/);

    restored = await startTestApp({}, target);
    expect(await answers(restored, keys)).toEqual(atBackup);

    // It carries on: versions and identity sequences continue, idempotency records still answer retries.
    const before = await maxima(target.url);
    const nz = (atBackup.newZealand as any).membership;
    const { changeMembershipStatus } = await mutate(
      restored,
      keys,
      `mutation { changeMembershipStatus(input: { coalition: "${SLUG}", participant: "NZ", status: WITHDRAWN,
        effectiveOn: "2024-10-01", expectedVersion: ${nz.version}, source: { url: "https://example.org/after-restore",
        title: "After the restore" } }) { status version } }`,
    );
    expect(changeMembershipStatus).toEqual({ status: 'WITHDRAWN', version: nz.version + 1 });
    expect(await maxima(target.url)).toEqual({
      audit: before.audit + 1,
      event: before.event + 1,
      citation: before.citation + 1,
    });
    const retried = await mutate(restored, keys, IDEMPOTENT_INVITATION, { 'idempotency-key': 'invite-interpol' });
    expect(retried.recordInvitation).toMatchObject({ status: 'INVITED', version: 1 });
    expect((await maxima(target.url)).audit).toBe(before.audit + 1);
  } finally {
    await writer?.stop().catch(() => undefined);
    await lockHolder?.end().catch(() => undefined);
    await restored?.close();
    await sourceService.close();
    await target.drop();
  }
}, 120_000);
