import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS as REGISTRY_MIGRATIONS } from '../src/registry-database.js';
import { BACKUP, RESTORE, rewrittenBackup, writtenFile } from './support/backup-cli.js';
import { fingerprintOfData } from './support/registry-data.js';
import { runCli } from './support/run-cli.js';
import { createTestDatabase, useTestApp } from './support/test-app.js';

/**
 * A restore writes all of a sound file or nothing: it refuses a target that is not empty, a damaged
 * file and a file from a newer schema before writing, says what to do, and rolls back any failure.
 */
const app = useTestApp();
const folder = mkdtempSync(path.join(tmpdir(), 'restore-refusals-'));
const databases: Array<{ url: string; drop(): Promise<void> }> = [];
let file: string;

async function emptyDatabase(): Promise<string> {
  const database = await createTestDatabase();
  databases.push(database);
  return database.url;
}

/** Tables, views and sequences in the database's public schema: none in a database nothing was written to. */
async function objectsIn(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace`,
  );
  await client.end();
  return rows[0].n;
}

async function restoredCopy(): Promise<string> {
  const url = await emptyDatabase();
  const result = await runCli(RESTORE, [file, '--into', url], {});
  expect(result.code).toBe(0);
  return url;
}

beforeAll(async () => {
  file = writtenFile(await runCli(BACKUP, ['--out', `${folder}/`], app.current().databaseUrl));
});
afterAll(async () => {
  for (const database of databases) await database.drop();
  rmSync(folder, { recursive: true, force: true });
});

describe('npm run backup', () => {
  it('writes a file only its owner can read, named by time, prints where, and --keep N prunes only its own older files', async () => {
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(path.basename(file)).toMatch(/^coalition-registry-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.backup\.gz$/);
    const keepFolder = path.join(folder, 'kept');
    const unrelated = ['notes.txt', 'coalition-registry-before-upgrade.backup.gz'];
    const written: string[] = [];
    for (let run = 0; run < 3; run += 1) {
      const result = await runCli(BACKUP, ['--out', `${keepFolder}/`, '--keep', '2'], app.current().databaseUrl);
      written.push(writtenFile(result));
      if (run === 0) for (const name of unrelated) writeFileSync(path.join(keepFolder, name), 'mine');
      if (run === 2) expect(result.stdout).toContain(`--keep 2: deleted ${written[0]}`);
    }
    expect(statSync(keepFolder).mode & 0o777).toBe(0o700);
    expect(readdirSync(keepFolder).sort()).toEqual(
      [...unrelated, ...written.slice(1).map((f) => path.basename(f))].sort(),
    );

    const refused = await runCli(BACKUP, ['--out', written[2]!], app.current().databaseUrl);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/exists already: choose another name/);
  });
});

describe('npm run restore refuses, and writes nothing', () => {
  it('refuses a database that is not empty, saying to use an empty one or --replace', async () => {
    const url = await restoredCopy();
    const before = await fingerprintOfData(url);
    const refused = await runCli(RESTORE, [file, '--into', url], {});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /The target database is not empty: its schema holds .*membership \(30 rows\).* Restore into an empty database .* or add --replace .*Nothing was written\./,
    );
    expect(await fingerprintOfData(url)).toEqual(before);
  });

  it('with --replace says what it drops, then restores over it', async () => {
    const url = await restoredCopy();
    const expected = await fingerprintOfData(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE TABLE scratch (note text); INSERT INTO scratch VALUES ('left over')`);
    await client.query(`DELETE FROM commitment`);
    await client.end();
    const replaced = await runCli(RESTORE, [file, '--into', url, '--replace'], {});
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toMatch(/--replace: dropping .*commitment \(0 rows\).*scratch \(1 row\)/);
    expect(await fingerprintOfData(url)).toEqual(expected);
  });

  it('refuses to restore under a running service, even with --replace', async () => {
    const { databaseUrl } = app.current();
    const before = await fingerprintOfData(databaseUrl);
    const refused = await runCli(RESTORE, [file, '--into', databaseUrl, '--replace'], {});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/The service is running on the target database .* Stop it .* first/);
    expect(await fingerprintOfData(databaseUrl)).toEqual(before);
  });

  it('refuses a truncated file', async () => {
    const truncated = path.join(folder, 'truncated.backup.gz');
    const bytes = readFileSync(file);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const url = await emptyDatabase();
    const refused = await runCli(RESTORE, [truncated, '--into', url], {});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /truncated\.backup\.gz cannot be restored: .*truncated or damaged; nothing was written\. Use another copy of this backup, or take a new one/,
    );
    expect(await objectsIn(url)).toBe(0);
  });

  it('refuses a file whose content was changed (its checksum no longer matches)', async () => {
    const changed = path.join(folder, 'changed.backup.gz');
    const text = gunzipSync(readFileSync(file)).toString();
    writeFileSync(changed, gzipSync(text.replace('\tCOMMITTED\t', '\tDECLINED\t')));
    const url = await emptyDatabase();
    const refused = await runCli(RESTORE, [changed, '--into', url], {});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/its checksum does not match its content/);
    expect(await objectsIn(url)).toBe(0);
  });

  it('refuses a file from a newer schema, saying to upgrade the code first', async () => {
    const newer = await rewrittenBackup(file, path.join(folder, 'newer.backup.gz'), {
      manifest: (manifest) => ({
        ...manifest,
        migrations: [...manifest.migrations, 'AddCorrections1900000000000'],
        schemaMigration: 'AddCorrections1900000000000',
      }),
    });
    const url = await emptyDatabase();
    const refused = await runCli(RESTORE, [newer, '--into', url], {});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /comes from a newer schema than this code: .*AddCorrections1900000000000.* Upgrade the code first .*Nothing was written\./,
    );
    expect(await objectsIn(url)).toBe(0);
  });
});

describe('a file from an older schema', () => {
  it('is restored at its own migration, then brought up to date by the later migrations', async () => {
    // A registry really at an older schema: the first three migrations, and rows written by hand.
    const olderMigrations = REGISTRY_MIGRATIONS.slice(0, 3);
    const source = await emptyDatabase();
    const dataSource = new DataSource({ type: 'postgres', url: source, migrations: olderMigrations, logging: false });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.query(
      `INSERT INTO participant (kind, code, alpha3, name, search_text) VALUES ('COUNTRY', 'NZ', 'NZL', 'New Zealand', 'new zealand')`,
    );
    await dataSource.query(`INSERT INTO audit_entry (actor, role, operation) VALUES ('someone', 'ADMIN', 'old write')`);
    await dataSource.destroy();
    const older = writtenFile(await runCli(BACKUP, ['--out', path.join(folder, 'older.backup.gz')], source));

    const url = await emptyDatabase();
    const restored = await runCli(RESTORE, [older, '--into', url], {});
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const later = REGISTRY_MIGRATIONS.slice(3).map((migration) => migration.name);
    expect(restored.stdout).toContain(`schema at ${olderMigrations.at(-1)!.name}, then ran ${later.join(', ')}.`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const migrations = await client.query(`SELECT name FROM migrations ORDER BY id`);
    const rows = await client.query(
      `SELECT (SELECT name FROM participant WHERE code = 'NZ') AS name, (SELECT operation FROM audit_entry) AS operation`,
    );
    await client.end();
    expect(migrations.rows.map((row) => row.name)).toEqual(REGISTRY_MIGRATIONS.map((migration) => migration.name));
    expect(rows.rows[0]).toEqual({ name: 'New Zealand', operation: 'old write' });
  });
});

describe('a restore that fails inside its transaction', () => {
  // Sound as a file, but its rows break a foreign key: the failure comes only after migrations and COPY began.
  let broken: string;
  beforeAll(async () => {
    broken = await rewrittenBackup(file, path.join(folder, 'broken.backup.gz'), { emptyTables: ['participant'] });
  });

  it('leaves an empty target empty: no half-made schema, no rows', async () => {
    const url = await emptyDatabase();
    const failed = await runCli(RESTORE, [broken, '--into', url], {});
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /Loading table \w+ failed: .*foreign key.*\. The restore was rolled back: the target database is as it was before\./,
    );
    expect(await objectsIn(url)).toBe(0);
  });

  it('refuses rows whose dataset revision is not the manifest’s, rolled back', async () => {
    const mislabelled = await rewrittenBackup(file, path.join(folder, 'mislabelled.backup.gz'), {
      manifest: (manifest) => ({ ...manifest, datasetRevision: (manifest.datasetRevision ?? 0) + 1 }),
    });
    const url = await emptyDatabase();
    const failed = await runCli(RESTORE, [mislabelled, '--into', url], {});
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/hold dataset revision \d+ where the manifest says \d+.*rolled back/s);
    expect(await objectsIn(url)).toBe(0);
  });

  it('with --replace keeps what it would have dropped', async () => {
    const url = await restoredCopy();
    const before = await fingerprintOfData(url);
    const failed = await runCli(RESTORE, [broken, '--into', url, '--replace'], {});
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/--replace: dropping /);
    expect(failed.stderr).toMatch(/The restore was rolled back/);
    expect(await fingerprintOfData(url)).toEqual(before);
  });
});
