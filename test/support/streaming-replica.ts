import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, copyFile, lchown, mkdir, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../src/common/free-port.js';
import { startEmbeddedPostgres, type DatabaseHandle } from '../../src/database/embedded-postgres.launcher.js';
import {
  binariesOf,
  canUserExecute,
  ensurePostgresUser,
  isRunningAsRoot,
  reachableFallbackFolder,
  stageEmbeddedPostgres,
  type PostgresUser,
} from '../../src/database/postgres-user-access.js';
import { testDataDir } from './service-process.js';

/**
 * A real primary and a streaming replica, made by the test itself from the embedded PostgreSQL's own
 * binaries (it ships no pg_basebackup): the primary is an embedded cluster; the replica is a copy of
 * its data directory taken between pg_backup_start() and pg_backup_stop() (PostgreSQL's low-level
 * base backup), with the backup label, standby.signal and primary_conninfo written beside it, then
 * started with the same `postgres` binary. A physical replication slot keeps the WAL it needs.
 */
export interface StreamingReplica {
  /** The registry database on the primary. */
  primaryUrl: string;
  /** The same database on the replica. */
  replicaUrl: string;
  /** A query on the replica's registry database (its own statistics, replay control). */
  onReplica<Row = Record<string, unknown>>(sql: string): Promise<Row[]>;
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  close(): Promise<void>;
}

const SLOT = 'registry_test_replica';
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

export async function startStreamingReplica(): Promise<StreamingReplica> {
  const base = testDataDir(`replication-${randomBytes(4).toString('hex')}`);
  await mkdir(base, { recursive: true, mode: 0o755 });
  const user = isRunningAsRoot() ? ensurePostgresUser() : undefined;
  const primary: DatabaseHandle = await startEmbeddedPostgres({
    dataDir: path.join(base, 'primary'),
    isDataDirExplicit: false,
    isThrowaway: true,
  });
  const adminUrl = withDatabase(primary.url, 'postgres');
  const replicaDir = path.join(base, 'replica');
  const replicaPort = await freePort();
  const primaryAddress = new URL(primary.url);

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_create_physical_replication_slot($1, true)`, [SLOT]);
    await admin.query(`SELECT pg_backup_start('registry test replica', true)`);
    await copyDataDirectory(primary.clusterDir!, replicaDir, user);
    const { rows } = await admin.query<{ labelfile: string; spcmapfile: string | null }>(
      `SELECT labelfile, spcmapfile FROM pg_backup_stop(true)`,
    );
    await writeOwned(path.join(replicaDir, 'backup_label'), rows[0]!.labelfile, user);
    if (rows[0]!.spcmapfile) await writeOwned(path.join(replicaDir, 'tablespace_map'), rows[0]!.spcmapfile, user);
  } finally {
    await admin.end();
  }
  const password = decodeURIComponent(primaryAddress.password);
  await writeOwned(path.join(replicaDir, 'standby.signal'), '', user);
  await writeOwned(
    path.join(replicaDir, 'postgresql.auto.conf'),
    `\nprimary_conninfo = 'host=127.0.0.1 port=${primaryAddress.port} user=postgres password=${password} application_name=${SLOT}'\n` +
      `primary_slot_name = '${SLOT}'\nhot_standby = on\n`,
    user,
    true,
  );

  const binary = await postgresBinary(user);
  let server: ChildProcess | undefined;
  const startReplica = async () => {
    const child = spawn(
      binary,
      [
        '-D',
        replicaDir,
        '-p',
        String(replicaPort),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], ...(user ? { uid: user.uid, gid: user.gid } : {}) },
    );
    server = child;
    const log: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The replica did not start:\n${log.join('')}`)), 60_000);
      const listen = (chunk: Buffer) => {
        log.push(chunk.toString());
        if (/ready to accept read-only connections/.test(chunk.toString())) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', listen);
      child.stderr!.on('data', listen);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The replica exited (${code}):\n${log.join('')}`));
      });
    });
    child.stdout!.removeAllListeners('data');
    child.stderr!.removeAllListeners('data');
    child.stdout!.resume();
    child.stderr!.resume();
  };
  const stopReplica = async () => {
    const running = server;
    server = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGINT'); // PostgreSQL's fast shutdown
    });
  };
  const stopOnExit = () => server?.kill('SIGINT');
  process.on('exit', stopOnExit);
  await startReplica();

  const replicaUrl = new URL(primary.url);
  replicaUrl.port = String(replicaPort);
  return {
    primaryUrl: primary.url,
    replicaUrl: replicaUrl.toString(),
    async onReplica<Row>(sql: string) {
      const client = new pg.Client({ connectionString: replicaUrl.toString() });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Row[];
      } finally {
        await client.end();
      }
    },
    stopReplica,
    startReplica,
    async close() {
      process.off('exit', stopOnExit);
      await stopReplica();
      await primary.stop();
      await rm(base, { recursive: true, force: true });
    },
  };
}
