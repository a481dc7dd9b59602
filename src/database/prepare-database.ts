import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SeedService } from '../seed/seed.service.js';

const MIGRATION_LOCK = `hashtext('coalition-registry:migrations')`;

/**
 * Brings the database up to date before the service takes traffic: pending migrations, then the seed.
 * An advisory lock lets several instances start against one database without racing.
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

export async function prepareDatabase(app: INestApplicationContext): Promise<void> {
  await migrate(app.get(DataSource));
  await app.get(SeedService).run();
}
