import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { BackupFileWriter, readBackup, type BackupManifest } from '../../src/backup/backup-file.js';
import type { CliResult } from './run-cli.js';

export const BACKUP = 'dist/src/backup/backup.cli.js';
export const RESTORE = 'dist/src/backup/restore.cli.js';

/** The backup CLI prints the file it wrote as its last line. */
export function writtenFile(result: CliResult): string {
  if (result.code !== 0) throw new Error(`backup failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout.trim().split('\n').at(-1)!;
}

/** The plain text inside a backup file (it is gzip). */
export const backupText = (file: string): string => gunzipSync(readFileSync(file)).toString();

/**
 * A copy of a backup file with its manifest edited and the rows of some tables left out, written by
 * the tool's own writer: a sound file (checksum and counts agree) whose content is not what was backed up.
 */
export async function rewrittenBackup(
  file: string,
  target: string,
  change: { manifest?: (manifest: BackupManifest) => BackupManifest; emptyTables?: string[] },
): Promise<string> {
  const emptied = new Set(change.emptyTables ?? []);
  const writer = await BackupFileWriter.create(target);
  for await (const part of readBackup(file)) {
    if (part.kind === 'manifest') {
      const tables = part.manifest.tables.map((table) => (emptied.has(table.name) ? { ...table, rows: 0 } : table));
      await writer.writeManifest((change.manifest ?? ((same) => same))({ ...part.manifest, tables }));
    } else if (part.kind === 'tableStart') {
      await writer.beginTable(part.table.name);
    } else if (part.kind === 'rows') {
      if (!emptied.has(part.table.name)) await writer.writeRows(part.data);
    } else {
      await writer.endTable();
    }
  }
  await writer.finish();
  return target;
}

/** A write on a registry, to run again and again while something else happens. */
export interface Writer {
  readonly count: number;
  /** Resolves once no write is in flight, and none starts until `resume`. */
  pause(): Promise<void>;
  resume(): void;
  /** Resolves when `count` reaches n. */
  reach(n: number): Promise<void>;
  /** Stops after the write in flight; rethrows a write's failure. */
  stop(): Promise<void>;
}

/** Calls `write(0)`, `write(1)`... one after the other until stopped. */
export function startWriter(write: (n: number) => Promise<void>): Writer {
  let count = 0;
  let isPaused = false;
  let isStopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  let gate: Promise<void> = Promise.resolve();
  let openGate = () => {};
  const loop = (async () => {
    while (!isStopped) {
      await gate;
      // Checked in the same synchronous step that starts the write: after `pause` no write begins.
      if (isPaused || isStopped) continue;
      inFlight = write(count);
      await inFlight;
      count += 1;
    }
  })();
  loop.catch(() => undefined);
  return {
    get count() {
      return count;
    },
    async pause() {
      isPaused = true;
      gate = new Promise((resolve) => (openGate = resolve));
      await inFlight;
    },
    resume() {
      isPaused = false;
      openGate();
    },
    async reach(n) {
      while (count < n) {
        if (isStopped) throw new Error(`the writer stopped at ${count} writes, before ${n}`);
        await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, 10))]);
      }
    },
    async stop() {
      isStopped = true;
      openGate();
      await loop;
    },
  };
}
