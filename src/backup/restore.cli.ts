import { parseArgs } from 'node:util';
import { loadConfig } from '../config/app-config.js';
import { openDatabase } from '../database/open-database.js';
import { exitOnFailure } from '../database/cli-database.js';
import { REGISTRY_SCHEMA } from '../registry-database.js';
import { RestoreRefused } from './backup-errors.js';
import { restoreBackup } from './restore-backup.js';

const USAGE = `Usage: npm run restore -- FILE [--into DATABASE_URL] [--replace]
  Restores a backup made by npm run backup into an empty database: --into's, or else the one the
  service uses (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR). Stop the service first.
  The file is checked whole before anything is written; the restore is one transaction: all or nothing.
  --replace  drop what the target database's schema holds first (the restore lists it), in that same
             transaction.`;

/** host:port/database, never the password. */
function describe(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname}`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { into: { type: 'string' }, replace: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new RestoreRefused(`Name one backup file.\n${USAGE}`);
  const database = values.into ? { url: values.into, stop: async () => {} } : await openDatabase(loadConfig());
  try {
    const report = (line: string) => process.stdout.write(`${line}\n`);
    const summary = await restoreBackup(file, database.url, {
      migrations: REGISTRY_SCHEMA.migrations,
      isReplacing: values.replace ?? false,
      report,
    });
    const later = summary.laterMigrations.length > 0 ? `, then ran ${summary.laterMigrations.join(', ')}` : '';
    report(
      `Restored ${summary.rows} rows in ${summary.manifest.tables.length} tables into ${describe(database.url)}: ` +
        `row counts match the manifest; schema at ${summary.manifest.schemaMigration}${later}. The service can start on it.`,
    );
  } finally {
    await database.stop();
  }
}

main().catch(exitOnFailure);
