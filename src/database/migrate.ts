import { DataSource } from 'typeorm';

/** The advisory lock migrations run under; a restore takes it too, so a starting service waits for it. */
export const MIGRATION_LOCK = `hashtext('coalition-registry:migrations')`;

/**
 * Brings the schema up to date before the service takes traffic. An advisory lock lets several
 * instances start against one database without racing.
 */
export async function migrate(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
    await runner.release();
  }
}
