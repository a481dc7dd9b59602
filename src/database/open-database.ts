import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres, type DatabaseHandle } from './embedded-postgres.launcher.js';

/** DATABASE_URL when set, otherwise the embedded PostgreSQL under DATA_DIR. */
export async function openDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'isDataDirExplicit'>,
  log: (message: string) => void = (message) => process.stderr.write(`${message}\n`),
): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  return startEmbeddedPostgres({ dataDir: config.dataDir, isDataDirExplicit: config.isDataDirExplicit, log });
}
