import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Backup file names: the UTC moment, fixed width, so names sort by time and `--keep` can tell the
 * tool's own files from anything else in the folder.
 */
const BACKUP_NAME = /^coalition-registry-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.backup\.gz$/;

export const DEFAULT_BACKUP_FOLDER = 'backups';

export function backupFileName(at: Date): string {
  return `coalition-registry-${at.toISOString().replaceAll(':', '-')}.backup.gz`;
}

export const isBackupFileName = (name: string): boolean => BACKUP_NAME.test(name);

/** The tool's backups beyond the newest `keep` (by name, which is by time), never `except`. */
export function backupsToPrune(names: string[], keep: number, except?: string): string[] {
  const ours = names.filter(isBackupFileName).sort();
  return ours.slice(0, Math.max(0, ours.length - keep)).filter((name) => name !== except);
}

/**
 * Where `--out` says to write: a folder (existing, or written with a trailing slash) gets a
 * time-named file; anything else is the file itself. The folder is made owner-only when created.
 */
export async function backupTarget(out: string | undefined, now: Date): Promise<string> {
  const given = out ?? `${DEFAULT_BACKUP_FOLDER}${path.sep}`;
  const isFolder =
    given.endsWith('/') ||
    given.endsWith(path.sep) ||
    (await stat(given).then(
      (found) => found.isDirectory(),
      () => false,
    ));
  const file = path.resolve(isFolder ? path.join(given, backupFileName(now)) : given);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return file;
}

/** Deletes the tool's older backups in the folder of `newest`, keeping `keep` of them; returns what went. */
export async function pruneBackups(newest: string, keep: number): Promise<string[]> {
  const folder = path.dirname(newest);
  const doomed = backupsToPrune(await readdir(folder), keep, path.basename(newest));
  for (const name of doomed) await rm(path.join(folder, name));
  return doomed.map((name) => path.join(folder, name));
}
