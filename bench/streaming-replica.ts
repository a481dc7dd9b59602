import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, chmod, copyFile, lchown, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../src/common/free-port.js';
import {
  binariesOf,
  canUserExecute,
  ensurePostgresUser,
  isRunningAsRoot,
  reachableFallbackFolder,
  stageEmbeddedPostgres,
  type PostgresUser,
} from '../src/database/postgres-user-access.js';

/**
 * A streaming replica of a running embedded PostgreSQL, made from the embedded binaries alone (they
 * ship no pg_basebackup): a copy of the primary's data directory taken between pg_backup_start() and
 * pg_backup_stop() (PostgreSQL's low-level base backup), with the backup label, standby.signal and
 * primary_conninfo written beside it, started with the same `postgres` binary. A physical replication
 * slot keeps the WAL it needs. Used by `npm run bench -- --replicas N` and by the replica tests.
 */
export interface ReplicaServer {
  /** `databaseUrl` (on the primary) with the replica's port. */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it, drops its slot on the primary and deletes its files. */
  remove(): Promise<void>;
}

export interface ReplicaPlan {
  /** Any database on the primary (a superuser's URL: the replica connects as the same user). */
  databaseUrl: string;
  /** The primary's data directory (DatabaseHandle.clusterDir). */
  primaryClusterDir: string;
  /** Where the replica's data directory goes (created; deleted by remove). */
  dir: string;
  /** The replication slot's name, unique per replica. */
  slot: string;
}

/** What a base backup leaves out (PostgreSQL's docs, "Making a Base Backup Using the Low Level API"). */
const LEFT_OUT_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map']);
const EMPTIED_FOLDERS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);

/** Copies a live data directory: files that vanish meanwhile (temporary ones) are skipped. */
async function copyDataDirectory(from: string, to: string, user: PostgresUser | undefined, depth = 0): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  if (user) await lchown(to, user.uid, user.gid);
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (depth === 0 && EMPTIED_FOLDERS.has(entry.name)) {
        await mkdir(target, { mode: 0o700 });
        if (entry.name === 'pg_wal') await mkdir(path.join(target, 'archive_status'), { mode: 0o700 });
        if (user) {
          await lchown(target, user.uid, user.gid);
          if (entry.name === 'pg_wal') await lchown(path.join(target, 'archive_status'), user.uid, user.gid);
        }
        continue;
      }
      await copyDataDirectory(source, target, user, depth + 1);
    } else if (entry.isFile() && !(depth === 0 && LEFT_OUT_FILES.has(entry.name))) {
      try {
        await copyFile(source, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      await chmod(target, 0o600);
      if (user) await lchown(target, user.uid, user.gid);
    }
  }
}

async function writeOwned(file: string, text: string, user: PostgresUser | undefined, append = false): Promise<void> {
  await (append ? appendFile(file, text) : writeFile(file, text, { mode: 0o600 }));
  if (user) await lchown(file, user.uid, user.gid);
}

/** The `postgres` binary the postgres user can run (as root, a staged copy when node_modules is closed to it). */
async function postgresBinary(user: PostgresUser | undefined): Promise<string> {
  if (!user || canUserExecute(user, binariesOf())) return binariesOf();
  const staged = await stageEmbeddedPostgres(await reachableFallbackFolder(binariesOf()));
  return binariesOf(staged);
}

const withDatabase = (url: string, database: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

export async function startReplicaOf(plan: ReplicaPlan): Promise<ReplicaServer> {
  const user = isRunningAsRoot() ? ensurePostgresUser() : undefined;
  const adminUrl = withDatabase(plan.databaseUrl, 'postgres');
  const primaryAddress = new URL(plan.databaseUrl);
  const port = await freePort();
  await mkdir(path.dirname(plan.dir), { recursive: true, mode: 0o755 });

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_create_physical_replication_slot($1, true)`, [plan.slot]);
    await admin.query(`SELECT pg_backup_start($1, true)`, [plan.slot]);
    await copyDataDirectory(plan.primaryClusterDir, plan.dir, user);
    const { rows } = await admin.query<{ labelfile: string; spcmapfile: string | null }>(
      `SELECT labelfile, spcmapfile FROM pg_backup_stop(true)`,
    );
    await writeOwned(path.join(plan.dir, 'backup_label'), rows[0]!.labelfile, user);
    if (rows[0]!.spcmapfile) await writeOwned(path.join(plan.dir, 'tablespace_map'), rows[0]!.spcmapfile, user);
  } finally {
    await admin.end();
  }
  const password = decodeURIComponent(primaryAddress.password);
  await writeOwned(path.join(plan.dir, 'standby.signal'), '', user);
  await writeOwned(
    path.join(plan.dir, 'postgresql.auto.conf'),
    `\nprimary_conninfo = 'host=${primaryAddress.hostname} port=${primaryAddress.port} user=${decodeURIComponent(primaryAddress.username)} password=${password} application_name=${plan.slot}'\n` +
      `primary_slot_name = '${plan.slot}'\nhot_standby = on\n`,
    user,
    true,
  );

  const binary = await postgresBinary(user);
  let server: ChildProcess | undefined;
  const start = async () => {
    const child = spawn(
      binary,
      ['-D', plan.dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      { stdio: ['ignore', 'pipe', 'pipe'], ...(user ? { uid: user.uid, gid: user.gid } : {}) },
    );
    server = child;
    const log: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The replica did not start:\n${log.join('')}`)), 120_000);
      const listen = (chunk: Buffer) => {
        log.push(chunk.toString());
        if (/ready to accept read-only connections/.test(chunk.toString())) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', listen);
      child.stderr!.on('data', listen);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The replica exited (${code}):\n${log.join('')}`));
      });
    });
    // Keep draining its output (a full pipe would stall it), now unread.
    child.stdout!.removeAllListeners('data').resume();
    child.stderr!.removeAllListeners('data').resume();
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGINT'); // PostgreSQL's fast shutdown
    });
  };
  // If the process ends without stopping it, do not leave the replica behind.
  const stopOnExit = () => server?.kill('SIGINT');
  process.on('exit', stopOnExit);
  await start();
  const url = new URL(plan.databaseUrl);
  url.port = String(port);
  return {
    url: url.toString(),
    start,
    stop,
    async remove() {
      process.off('exit', stopOnExit);
      await stop();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`SELECT pg_drop_replication_slot($1)`, [plan.slot]).catch(() => undefined);
      await client.end();
      await rm(plan.dir, { recursive: true, force: true });
    },
  };
}
