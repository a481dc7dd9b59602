import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * Checks for files and folders the service (often root) reads, executes or changes, in places other
 * users can reach (/var/tmp). Every check uses lstat, so a symbolic link planted in our place is seen
 * as one and never followed.
 */

const WRITABLE_BY_GROUP_OR_OTHERS = 0o022;
const STICKY = 0o1000;

const modeOf = (stats: Stats) => (stats.mode & 0o7777).toString(8).padStart(4, '0');

/**
 * Why `target` cannot be trusted by the user `uid`, or undefined when it can: it is what we expect
 * (a real folder or file, not a symbolic link), owned by `uid`, and writable by no group or other user.
 */
export async function distrustOf(target: string, kind: 'folder' | 'file', uid: number): Promise<string | undefined> {
  let stats: Stats;
  try {
    stats = await lstat(target);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : String(error);
  }
  return distrustOfStats(stats, kind, uid);
}

function distrustOfStats(stats: Stats, kind: 'folder' | 'file', uid: number): string | undefined {
  if (stats.isSymbolicLink()) return 'is a symbolic link';
  if (kind === 'folder' ? !stats.isDirectory() : !stats.isFile()) return `is not a ${kind}`;
  if (stats.uid !== uid) return `is owned by uid ${stats.uid}, not ${uid}`;
  if ((stats.mode & WRITABLE_BY_GROUP_OR_OTHERS) !== 0) return `can be written by other users (mode ${modeOf(stats)})`;
  return undefined;
}

/**
 * Why the folders above `folder` (resolved to their real path) could let another user swap it, or
 * undefined: each must be root's, and writable by others only when sticky (as /tmp and /var/tmp are,
 * where no one may rename or delete what another user owns).
 */
export async function distrustOfAncestors(folder: string): Promise<string | undefined> {
  let current = await realpath(path.dirname(folder));
  for (;;) {
    const stats = await lstat(current);
    if (stats.uid !== 0) return `${current} is owned by uid ${stats.uid}, not root`;
    if ((stats.mode & WRITABLE_BY_GROUP_OR_OTHERS) !== 0 && (stats.mode & STICKY) === 0) {
      return `${current} can be written by other users and is not sticky (mode ${modeOf(stats)})`;
    }
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * The content of a small secret file, read without following a symbolic link, or undefined when there
 * is none. A file that is not ours, or that others may read or write, is refused: `refuse` says why.
 */
export async function readOwnSecret(file: string, refuse: (reason: string) => Error): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw code === 'ELOOP' ? refuse('it is a symbolic link') : error;
  }
  try {
    const stats = await handle.stat();
    const uid = process.getuid?.() ?? stats.uid;
    const reason =
      distrustOfStats(stats, 'file', uid) ??
      ((stats.mode & 0o077) !== 0 ? `other users may read it (mode ${modeOf(stats)})` : undefined);
    if (reason) throw refuse(reason);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** Creates a secret file readable by its owner alone; never through a link, never over an existing file. */
export async function createOwnSecret(file: string, content: string): Promise<void> {
  const handle = await open(
    file,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}
