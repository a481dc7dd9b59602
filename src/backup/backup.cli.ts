import { parseArgs } from 'node:util';
import { loadConfig } from '../config/app-config.js';
import { openDatabase } from '../database/open-database.js';
import { exitOnFailure } from '../database/cli-database.js';
import { BackupRefused } from './backup-errors.js';
import { backupTarget, pruneBackups } from './backup-files.js';
import { createBackup } from './create-backup.js';

const USAGE = `Usage: npm run backup -- [--out FILE | --out FOLDER/] [--keep N]
  Backs up the database the service uses (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR,
  also while the service runs) from one consistent snapshot, into a file only you can read:
  FOLDER/coalition-registry-<UTC time>.backup.gz (default folder: ./backups).
  --keep N  then deletes all but the N newest backups in that folder (only files with the tool's names).
  The last line printed is the file's path.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, keep: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const keep = values.keep === undefined ? undefined : Number(values.keep);
  if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1)) {
    throw new BackupRefused(`--keep must be a whole number of 1 or more, got "${values.keep}".\n${USAGE}`);
  }
  const startedAt = Date.now();
  const file = await backupTarget(values.out, new Date());
  const database = await openDatabase(loadConfig());
  try {
    const { manifest, bytes } = await createBackup(database.url, file);
    const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
    process.stdout.write(
      `Backed up ${manifest.tables.length} tables (${rows} rows) of database ${manifest.server.database} as of ` +
        `${manifest.createdAt}, schema at ${manifest.schemaMigration}, dataset revision ${manifest.datasetRevision ?? 'none'}: ` +
        `${Math.ceil(bytes / 1024)} KiB in ` +
        `${((Date.now() - startedAt) / 1000).toFixed(1)} s.\n`,
    );
    if (keep !== undefined) {
      const pruned = await pruneBackups(file, keep);
      if (pruned.length > 0) process.stdout.write(`--keep ${keep}: deleted ${pruned.join(', ')}\n`);
    }
    process.stdout.write(`${file}\n`);
  } finally {
    await database.stop();
  }
}

main().catch(exitOnFailure);
