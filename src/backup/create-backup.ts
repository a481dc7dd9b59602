import { readFileSync } from 'node:fs';
import { link, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { BackupRefused } from './backup-errors.js';
import { BackupFileWriter, BACKUP_FORMAT_VERSION, type BackupManifest } from './backup-file.js';
import {
  appliedMigrations,
  copyOutSql,
  heldDatasetRevision,
  registryTables,
  rowCount,
  useCopySettings,
} from './backup.queries.js';
import { loadOrder } from './table-order.js';

/** The name and version of this code, from the package.json above this file (in src/ or dist/src/). */
function tool(): { name: string; version: string } {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const { name, version } = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
      return { name, version };
    } catch {
      const parent = path.dirname(folder);
      if (parent === folder) return { name: 'coalition-registry', version: 'unknown' };
      folder = parent;
    }
  }
}

export interface BackupSummary {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

/**
 * Copies every table of the registry into `file`, from one snapshot: a REPEATABLE READ READ ONLY
 * transaction sees the database as it was at its first statement, however long the copy takes and
 * whatever the service writes meanwhile, and blocks no writer. The file appears under its name only
 * once complete (it is written beside it first and linked into place, never over another file).
 */
export async function createBackup(databaseUrl: string, file: string): Promise<BackupSummary> {
  if (
    await stat(file).then(
      () => true,
      () => false,
    )
  ) {
    throw new BackupRefused(`${file} exists already: choose another name (or leave --out to a folder).`);
  }
  const partial = `${file}.partial`;
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'coalition-registry backup' });
  await client.connect();
  let writer: BackupFileWriter | undefined;
  try {
    await useCopySettings(client);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The snapshot is taken here: everything below reads the registry as it stood at `createdAt`.
    const { rows } = await client.query<{ at: Date; database: string; schema: string; version: string }>(
      `SELECT clock_timestamp() AS at, current_database() AS database, current_schema() AS schema,
              current_setting('server_version') AS version`,
    );
    const moment = rows[0]!;
    const migrations = await appliedMigrations(client);
    if (!migrations?.length) {
      throw new BackupRefused(
        `Database ${moment.database} has no applied migrations: it is not a coalition-registry database. ` +
          'Check DATABASE_URL (or DATA_DIR).',
      );
    }
    const tables = loadOrder(await registryTables(client));
    const manifest: BackupManifest = {
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: moment.at.toISOString(),
      tool: tool(),
      server: { version: moment.version, database: moment.database, schema: moment.schema },
      schemaMigration: migrations.at(-1)!,
      migrations,
      datasetRevision: await heldDatasetRevision(client),
      tables: [],
    };
    for (const table of tables) {
      manifest.tables.push({ name: table.name, columns: table.columns, rows: await rowCount(client, table.name) });
    }

    writer = await BackupFileWriter.create(partial);
    await writer.writeManifest(manifest);
    for (const table of manifest.tables) {
      await writer.beginTable(table.name);
      for await (const chunk of client.query(copyStreams.to(copyOutSql(client, table.name, table.columns)))) {
        await writer.writeRows(chunk as Buffer);
      }
      const copied = await writer.endTable();
      if (copied !== table.rows) {
        throw new Error(
          `COPY gave ${copied} rows of ${table.name} where count(*) gave ${table.rows} in the same snapshot`,
        );
      }
    }
    await writer.finish();
    await client.query('COMMIT');
    await link(partial, file);
    await rm(partial);
    return { file, bytes: (await stat(file)).size, manifest };
  } catch (error) {
    await writer?.discard();
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
