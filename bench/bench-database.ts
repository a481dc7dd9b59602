import path from 'node:path';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { withApplicationOn } from '../src/cli-application.js';
import { startEmbeddedPostgres, type DatabaseHandle } from '../src/database/embedded-postgres.launcher.js';
import { migrate } from '../src/database/migrate.js';
import { registryDataSourceOptions } from '../src/registry-database.js';
import { SeedModule } from '../src/seed/seed.module.js';
import { SeedService } from '../src/seed/seed.service.js';
import { generateDataset, isDatasetLoaded, type DatasetCounts } from './dataset-generator.js';
import type { DatasetPlan } from './dataset-plan.js';
import { projectRoot } from './systems.js';

/**
 * The benchmark's PostgreSQL: BENCH_DATABASE_URL as given, or an embedded cluster of its own under
 * .data/bench with one database per scale, so switching scales does not reload a million rows.
 */
export async function openBenchDatabase(scale: number, log: (message: string) => void): Promise<DatabaseHandle> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, stop: async () => {} };
  const server = await startEmbeddedPostgres({
    // The project's, wherever the caller runs from: a script started elsewhere once got an empty cluster
    // of its own, seeded but without the dataset, and measured the wrong thing without a word.
    dataDir: path.join(projectRoot(), '.data', 'bench'),
    isDataDirExplicit: false,
    log,
  });
  const name = `bench_scale_${String(scale).replace(/[^0-9]/g, '_')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return { url: url.toString(), clusterDir: server.clusterDir, stop: () => server.stop() };
}

/** Our migrations and seed, as the service runs them at start-up (without starting the service). */
export async function migrateAndSeed(url: string): Promise<void> {
  // The seed logs through Nest's static logger; outside the service only its warnings matter.
  Logger.overrideLogger(['fatal', 'error', 'warn']);
  const dataSource = new DataSource(registryDataSourceOptions(url));
  await dataSource.initialize();
  try {
    await migrate(dataSource);
  } finally {
    await dataSource.destroy();
  }
  await withApplicationOn(url, [SeedModule], (app) => app.get(SeedService).run());
}

/**
 * Migrated, seeded and holding the dataset of `plan`: loads it unless the same one is there already.
 * Returns the counts written, or null when the dataset was already loaded.
 */
export async function ensureDataset(
  url: string,
  plan: DatasetPlan,
  isRegenerating: boolean,
  log: (message: string) => void,
): Promise<DatasetCounts | null> {
  await migrateAndSeed(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (!isRegenerating && (await isDatasetLoaded(client, plan))) return null;
    const started = Date.now();
    log(`loading the bench dataset at scale ${plan.scale} (${plan.coalitions} coalitions)`);
    const counts = await generateDataset(client, plan, log);
    log(`loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
    return counts;
  } finally {
    await client.end();
  }
}
