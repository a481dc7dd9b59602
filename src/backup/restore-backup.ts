import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { DataSource, MigrationExecutor, type DataSourceOptions, type Migration } from 'typeorm';
import { MIGRATION_LOCK } from '../database/migrate.js';
import { RestoreFailed, RestoreRefused } from './backup-errors.js';
import { readBackup, verifyBackup, type BackupManifest } from './backup-file.js';
import {
  appliedMigrations,
  continueSequences,
  copyInSql,
  dropSchemaObjects,
  emptyTables,
  heldDatasetRevision,
  registryTables,
  rowCount,
  schemaObjects,
  serviceSessions,
  useCopySettings,
} from './backup.queries.js';
import { planMigrations } from './migration-plan.js';
import { firstOutOfOrder } from './table-order.js';

export interface RestoreOptions {
  /** The code's migrations (the composition root's list): the target is brought to the file's with them. */
  migrations: NonNullable<DataSourceOptions['migrations']>;
  /** Drop what the target's schema holds first (in the restore's own transaction). */
  isReplacing: boolean;
  report(line: string): void;
}

export interface RestoreSummary {
  manifest: BackupManifest;
  rows: number;
  laterMigrations: string[];
}

/** TypeORM's own list of the code's migrations, sorted and checked as `migration:run` sees them. */
class RestoreMigrations extends MigrationExecutor {
  all(): Migration[] {
    return this.getMigrations();
  }
}

/**
 * Restores a backup file into the database at `targetUrl`, all or nothing: the file is checked whole
 * first (end marker, checksum, row counts); then, in ONE transaction, the target is brought to the
 * file's exact migration, the rows are copied in (in the file's order, each table after the tables it
 * references), the counts are compared with the manifest, the sequences continue after the restored
 * rows, and the later migrations run. Any failure rolls everything back, --replace's drops included.
 */
export async function restoreBackup(file: string, targetUrl: string, options: RestoreOptions): Promise<RestoreSummary> {
  const manifest = await verifyBackup(file);
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  options.report(
    `${file} is sound: ${manifest.tables.length} tables, ${rows} rows, schema at ${manifest.schemaMigration}, ` +
      `taken ${manifest.createdAt} by ${manifest.tool.name} ${manifest.tool.version}.`,
  );
  const dataSource = new DataSource({
    type: 'postgres',
    url: targetUrl,
    migrations: options.migrations,
    poolSize: 1,
    logging: false,
    extra: { application_name: 'coalition-registry restore' },
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as pg.PoolClient;
    const executor = new RestoreMigrations(dataSource, runner);
    const byName = new Map(executor.all().map((migration) => [migration.name, migration]));
    const plan = planMigrations(file, manifest.migrations, [...byName.keys()]);
    await useCopySettings(client);
    await runner.startTransaction();
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    const sessions = await serviceSessions(client);
    if (sessions > 0) {
      throw new RestoreRefused(
        `The service is running on the target database (${sessions} of its connections are open). ` +
          'Stop it (and its command-line tools) first, restore, then start it again. Nothing was written.',
      );
    }
    await clearTarget(client, options);
    for (const name of plan.beforeRows) await executor.executeMigration(byName.get(name)!);
    await checkTargetFits(client, manifest);
    await emptyTables(
      client,
      manifest.tables.map((table) => table.name),
    );
    await copyRows(client, file);
    for (const table of manifest.tables) {
      const count = await rowCount(client, table.name);
      if (count !== table.rows) {
        throw new RestoreFailed(`${count} rows were restored into ${table.name} where the manifest says ${table.rows}`);
      }
    }
    const revision = await heldDatasetRevision(client);
    if (revision !== manifest.datasetRevision) {
      throw new RestoreFailed(
        `The restored rows hold dataset revision ${revision} where the manifest says ${manifest.datasetRevision}`,
      );
    }
    await continueSequences(
      client,
      manifest.tables.map((table) => table.name),
    );
    for (const name of plan.afterRows) await executor.executeMigration(byName.get(name)!);
    const migrated = (await appliedMigrations(client)) ?? [];
    if (migrated.join() !== [...plan.beforeRows, ...plan.afterRows].join()) {
      throw new RestoreFailed(`After the restore the migrations table lists ${migrated.join(', ')}`);
    }
    await runner.commitTransaction();
    return { manifest, rows, laterMigrations: plan.afterRows };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}

/** An empty target passes; a non-empty one is refused, or with --replace emptied (and said so). */
async function clearTarget(client: pg.ClientBase, options: RestoreOptions): Promise<void> {
  const objects = await schemaObjects(client);
  if (objects.length === 0) return;
  const described: string[] = [];
  for (const object of objects) {
    const rows = object.kind === 'TABLE' ? await rowCount(client, object.name) : undefined;
    const what = rows === undefined ? object.kind.toLowerCase() : `${rows} ${rows === 1 ? 'row' : 'rows'}`;
    described.push(`${object.name} (${what})`);
  }
  if (!options.isReplacing) {
    throw new RestoreRefused(
      `The target database is not empty: its schema holds ${described.join(', ')}. Restore into an empty ` +
        'database (CREATE DATABASE ..., then --into its URL), or add --replace to drop all of these first. ' +
        'Nothing was written.',
    );
  }
  options.report(
    `--replace: dropping ${described.join(', ')}, in the same transaction as the restore (a failed restore keeps them).`,
  );
  await dropSchemaObjects(client, objects);
}

/** At the file's migration, the target must have exactly the file's tables and columns. */
async function checkTargetFits(client: pg.ClientBase, manifest: BackupManifest): Promise<void> {
  const target = await registryTables(client);
  const describe = (tables: Array<{ name: string; columns: string[] }>) =>
    tables.map((table) => `${table.name}(${[...table.columns].sort().join(',')})`).sort();
  const expected = describe(manifest.tables);
  const actual = describe(target);
  const differences = [
    ...expected.filter((table) => !actual.includes(table)).map((table) => `the file has ${table}`),
    ...actual.filter((table) => !expected.includes(table)).map((table) => `the target has ${table}`),
  ];
  if (differences.length > 0) {
    throw new RestoreRefused(
      `At migration ${manifest.schemaMigration} the target's tables differ from the file's: ${differences.join('; ')}. ` +
        'Restore into an empty database. Nothing was written.',
    );
  }
  const misplaced = firstOutOfOrder(
    manifest.tables.map((table) => table.name),
    target,
  );
  if (misplaced) {
    throw new RestoreRefused(`The file loads ${misplaced} before a table it references. Nothing was written.`);
  }
}

/** Streams each section of the file into COPY ... FROM STDIN, with backpressure. */
async function copyRows(client: pg.ClientBase, file: string): Promise<void> {
  let sink: ReturnType<typeof copyStreams.from> | undefined;
  let sinkDone: Promise<void> | undefined;
  let table = '';
  try {
    for await (const part of readBackup(file)) {
      if (part.kind === 'tableStart') {
        table = part.table.name;
        sink = client.query(copyStreams.from(copyInSql(client, part.table.name, part.table.columns)));
        sinkDone = finished(sink);
        // Observed at once, so an error while no one waits on the stream is not an unhandled 'error'.
        sinkDone.catch(() => undefined);
      } else if (part.kind === 'rows') {
        if (!sink!.write(part.data)) await Promise.race([once(sink!, 'drain'), sinkDone]);
      } else if (part.kind === 'tableEnd') {
        sink!.end();
        await sinkDone;
        sink = undefined;
      }
    }
  } catch (error) {
    // A COPY still open would keep the connection busy: cancel it so the rollback can run.
    if (sink && !sink.writableFinished) {
      sink.destroy(error as Error);
      await sinkDone!.catch(() => undefined);
    }
    // The driver's error (a foreign key, a type) names no table; say which one was loading.
    const isDriverError = typeof (error as { severity?: unknown }).severity === 'string';
    throw isDriverError ? new RestoreFailed(`Loading table ${table} failed: ${(error as Error).message}`) : error;
  }
}
