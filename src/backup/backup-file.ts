import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { BackupFileDamaged, RestoreRefused } from './backup-errors.js';

/**
 * The backup file: gzip of plain text, so `zcat FILE | less` shows what it holds.
 *
 *   coalition-registry backup 1          format and its version
 *   {"createdAt":...}                    the manifest, one line of JSON
 *   table source                         one section per table, in the order a restore loads them:
 *   <rows in COPY text format>           PostgreSQL's own COPY TO output, one line per row
 *   \.                                   COPY's end marker (a data line never is: COPY doubles backslashes)
 *   ...
 *   end sha256 <hex>                     SHA-256 of every byte above it
 *
 * A restore reads the whole file and checks the end marker, the checksum and each table's row count
 * before it writes anything. gzip's own CRC and length catch most damage first.
 */
export const BACKUP_FORMAT = 'coalition-registry backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupTable {
  name: string;
  /** The columns COPY wrote, in order (restore names them, so column order in the target does not matter). */
  columns: string[];
  rows: number;
}

export interface BackupManifest {
  formatVersion: number;
  /** The moment of the snapshot, by the database server's clock. */
  createdAt: string;
  tool: { name: string; version: string };
  server: { version: string; database: string; schema: string };
  /** The last migration applied to the source: the schema the rows fit. */
  schemaMigration: string;
  /** Every migration applied to the source, in the order it ran (the migrations table, by id). */
  migrations: string[];
  /**
   * The dataset revision the source held (0 before the first was applied); null for a schema from
   * before revisions were tracked.
   */
  datasetRevision: number | null;
  /** In load order: a table comes after every table it references. */
  tables: BackupTable[];
}

const NEWLINE = 0x0a;
const END_OF_ROWS = Buffer.from('\\.\n');
/** A control line (header, manifest, section header) longer than this means the file is not ours. */
const MAX_CONTROL_LINE = 16 * 1024 * 1024;

function countLines(chunk: Buffer): number {
  let count = 0;
  for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) count += 1;
  return count;
}

/**
 * Writes a backup file with owner-only permissions (0600), refusing to overwrite one. Call `finish`
 * to complete it, or `discard` to remove what was written.
 */
export class BackupFileWriter {
  private readonly hash = createHash('sha256');
  private readonly gzip = createGzip();
  private readonly written: Promise<void>;
  private tableRows = 0;

  private constructor(
    private readonly file: string,
    private readonly handle: FileHandle,
  ) {
    // `flush`: the file is fsync'ed before it closes, so a backup reported written is on disk.
    this.written = pipeline(this.gzip, handle.createWriteStream({ flush: true }));
    // Awaited in finish/discard; a write in between fails through `once(..., 'drain')` or `gzip.write`.
    this.written.catch(() => undefined);
  }

  static async create(file: string): Promise<BackupFileWriter> {
    const handle = await open(file, 'wx', 0o600);
    // The mode above is filtered by the umask; say it once more so no umask widens or narrows it.
    await handle.chmod(0o600);
    return new BackupFileWriter(file, handle);
  }

  private async write(bytes: Buffer, isHashed = true): Promise<void> {
    if (isHashed) this.hash.update(bytes);
    if (!this.gzip.write(bytes)) await once(this.gzip, 'drain');
  }

  async writeManifest(manifest: BackupManifest): Promise<void> {
    await this.write(Buffer.from(`${BACKUP_FORMAT} ${BACKUP_FORMAT_VERSION}\n${JSON.stringify(manifest)}\n`));
  }

  async beginTable(name: string): Promise<void> {
    this.tableRows = 0;
    await this.write(Buffer.from(`table ${name}\n`));
  }

  /** Rows in COPY text format: whole lines, as COPY TO produced them. */
  async writeRows(chunk: Buffer): Promise<void> {
    this.tableRows += countLines(chunk);
    await this.write(chunk);
  }

  /** Ends the table's section and returns how many rows it holds. */
  async endTable(): Promise<number> {
    await this.write(END_OF_ROWS);
    return this.tableRows;
  }

  async finish(): Promise<void> {
    await this.write(Buffer.from(`end sha256 ${this.hash.digest('hex')}\n`), false);
    this.gzip.end();
    await this.written;
  }

  async discard(): Promise<void> {
    this.gzip.destroy();
    await this.written.catch(() => undefined);
    await this.handle.close().catch(() => undefined);
    await rm(this.file, { force: true });
  }
}

export type BackupPart =
  | { kind: 'manifest'; manifest: BackupManifest }
  | { kind: 'tableStart'; table: BackupTable }
  | { kind: 'rows'; table: BackupTable; data: Buffer }
  | { kind: 'tableEnd'; table: BackupTable };

function parseManifest(line: string, damaged: (problem: string) => Error): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(line) as BackupManifest;
  } catch {
    throw damaged('its manifest is not valid JSON');
  }
  const isTable = (table: BackupTable) =>
    typeof table?.name === 'string' &&
    Array.isArray(table.columns) &&
    table.columns.every((column) => typeof column === 'string') &&
    Number.isInteger(table.rows);
  if (
    !Array.isArray(manifest?.tables) ||
    !manifest.tables.every(isTable) ||
    !Array.isArray(manifest.migrations) ||
    !manifest.migrations.every((name) => typeof name === 'string')
  ) {
    throw damaged('its manifest lacks the table list or the migration list');
  }
  return manifest;
}

function sourceError(file: string, error: unknown, hasOutput: boolean): Error {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOENT') return new RestoreRefused(`${file} does not exist.`);
  if (code.startsWith('Z_')) {
    if (!hasOutput) return new RestoreRefused(`${file} is not a coalition-registry backup (it is not gzip data).`);
    return new BackupFileDamaged(file, `gzip says "${(error as Error).message}"`);
  }
  return error as Error;
}

/**
 * Reads a backup file part by part, checking it as it goes: the format line, the manifest, each
 * section in the manifest's order with the manifest's row count, the end marker and the checksum.
 * Any fault throws; the last part is only followed by a clean end when the whole file is sound, so a
 * restore commits only after the loop over this generator has finished.
 */
export async function* readBackup(file: string): AsyncGenerator<BackupPart> {
  const damaged = (problem: string) => new BackupFileDamaged(file, problem);
  const hash = createHash('sha256');
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);

  let manifest: BackupManifest | undefined;
  let isHeaderRead = false;
  let tableIndex = -1;
  let table: BackupTable | undefined;
  let rowsSeen = 0;
  /** The last chunk ended inside a row, which has gone on already: the next line is no end marker. */
  let isMidRow = false;
  let expectedDigest: string | undefined;
  let rest: Buffer = Buffer.alloc(0);
  let hasOutput = false;

  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      hasOutput = true;
      if (expectedDigest !== undefined) throw damaged('there is data after its end marker');
      const buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      let at = 0;
      let rowsFrom = 0;
      for (let newline = buffer.indexOf(NEWLINE); newline !== -1; newline = buffer.indexOf(NEWLINE, at)) {
        if (table) {
          const isEndOfRows = !isMidRow && newline - at === 2 && buffer[at] === 0x5c && buffer[at + 1] === 0x2e;
          isMidRow = false;
          if (!isEndOfRows) {
            rowsSeen += 1;
            at = newline + 1;
            continue;
          }
          if (at > rowsFrom) yield { kind: 'rows', table, data: buffer.subarray(rowsFrom, at) };
          hash.update(buffer.subarray(rowsFrom, newline + 1));
          if (rowsSeen !== table.rows) {
            throw damaged(`table ${table.name} holds ${rowsSeen} rows where its manifest says ${table.rows}`);
          }
          const ended = table;
          table = undefined;
          at = newline + 1;
          rowsFrom = at;
          yield { kind: 'tableEnd', table: ended };
          continue;
        }
        const line = buffer.toString('utf8', at, newline);
        if (expectedDigest !== undefined) throw damaged('there is data after its end marker');
        if (line.startsWith('end sha256 ')) {
          expectedDigest = line.slice('end sha256 '.length);
        } else {
          hash.update(buffer.subarray(at, newline + 1));
          if (!isHeaderRead) {
            isHeaderRead = true;
            if (!line.startsWith(BACKUP_FORMAT)) {
              throw new RestoreRefused(
                `${file} is not a coalition-registry backup (it starts with "${line.slice(0, 40)}").`,
              );
            }
            if (line !== `${BACKUP_FORMAT} ${BACKUP_FORMAT_VERSION}`) {
              throw new RestoreRefused(
                `${file} is in backup format "${line.slice(BACKUP_FORMAT.length + 1)}", which this version of coalition-registry ` +
                  `does not read (it reads format ${BACKUP_FORMAT_VERSION}). Upgrade the code first, then restore.`,
              );
            }
          } else if (!manifest) {
            manifest = parseManifest(line, damaged);
            yield { kind: 'manifest', manifest };
          } else if (line.startsWith('table ')) {
            tableIndex += 1;
            const next = manifest.tables[tableIndex];
            if (!next || next.name !== line.slice('table '.length)) {
              throw damaged(`section "${line}" is not the one its manifest lists next`);
            }
            table = next;
            rowsSeen = 0;
            yield { kind: 'tableStart', table };
          } else {
            throw damaged(`line "${line.slice(0, 40)}" is not part of the format`);
          }
        }
        at = newline + 1;
        rowsFrom = at;
      }
      if (table) {
        // The chunk's rows go on at once, a partial last row too (COPY takes any split), unless that
        // may still become the end marker: "\" or "\." at the start of a line.
        const partial = buffer.subarray(at);
        const mayEndRows = !isMidRow && partial.length <= 2 && partial.equals(END_OF_ROWS.subarray(0, partial.length));
        const upTo = mayEndRows ? at : buffer.length;
        if (upTo > at) isMidRow = true;
        if (upTo > rowsFrom) {
          hash.update(buffer.subarray(rowsFrom, upTo));
          yield { kind: 'rows', table, data: buffer.subarray(rowsFrom, upTo) };
        }
        at = upTo;
      }
      rest = buffer.subarray(at);
      if (rest.length > MAX_CONTROL_LINE) throw damaged('it holds a line far longer than the format allows');
    }
  } catch (error) {
    throw sourceError(file, error, hasOutput);
  } finally {
    // Also when the reader stops early (a failed COPY): the file is closed at once.
    input.destroy();
    gunzip.destroy();
  }
  if (!hasOutput) throw new RestoreRefused(`${file} is empty: it is not a backup.`);
  if (expectedDigest === undefined) throw damaged('it ends before its end marker');
  if (rest.length > 0) throw damaged('there is data after its end marker');
  if (!manifest || tableIndex !== manifest.tables.length - 1)
    throw damaged('tables listed in its manifest are missing');
  if (hash.digest('hex') !== expectedDigest) throw damaged('its checksum does not match its content');
}

/** Reads the whole file and returns its manifest only if every check passes. */
export async function verifyBackup(file: string): Promise<BackupManifest> {
  let manifest: BackupManifest | undefined;
  for await (const part of readBackup(file)) if (part.kind === 'manifest') manifest = part.manifest;
  return manifest!;
}
