import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions, type DatabaseSchema } from './data-source.options.js';
import { openDatabase } from './open-database.js';
import { migrate } from './migrate.js';

/**
 * The database the service uses, for a command-line tool: DATABASE_URL, or the embedded PostgreSQL
 * under DATA_DIR (joined when the service is running it, started and stopped here when not).
 */
export async function withCliDatabase<T>(
  schema: DatabaseSchema,
  work: (dataSource: DataSource, url: string) => Promise<T>,
  options: { isMigrating: boolean } = { isMigrating: true },
): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, (message) => process.stderr.write(`${message}\n`));
  const dataSource = new DataSource(dataSourceOptions(database.url, schema, config.database));
  try {
    await dataSource.initialize();
    if (options.isMigrating) await migrate(dataSource);
    return await work(dataSource, database.url);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

/** Ends a CLI with a one-line message for expected failures, a stack only for the unexpected. */
export function exitOnFailure(error: unknown): never {
  const isDomain = error instanceof Error && 'code' in error && typeof (error as { code: unknown }).code === 'string';
  process.stderr.write(
    `${isDomain || !(error instanceof Error) ? String((error as Error).message ?? error) : error.stack}\n`,
  );
  process.exit(1);
}
