import { createAdminKey } from './admin-key.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { SERVICE_NODE_FLAGS } from './systems.js';

export interface RunningRegistry {
  service: ServerProcess;
  baseUrl: string;
  /** An admin key made for the run by the apikey CLI, on the same database. */
  adminKey: string;
}

/**
 * The built service as `npm start` runs it, on `databaseUrl`, for a load script (soak, live fan-out):
 * production mode, quiet logs and no rate limits (every client of a run comes from 127.0.0.1), plus
 * `env` for what the script measures.
 */
export async function startRegistryForLoad(
  databaseUrl: string,
  keyName: string,
  env: Record<string, string> = {},
): Promise<RunningRegistry> {
  const serviceEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_IP: '0',
    RATE_LIMIT_PER_KEY: '0',
    ...env,
  };
  const service = await startServerProcess({
    name: 'coalition-registry',
    command: process.execPath,
    args: [...SERVICE_NODE_FLAGS, 'dist/src/main.js'],
    env: serviceEnv,
    cwd: process.cwd(),
  });
  const adminKey = await createAdminKey(`${keyName}-${Date.now()}`, { ...process.env, ...serviceEnv });
  return { service, baseUrl: `http://127.0.0.1:${service.port}`, adminKey };
}
