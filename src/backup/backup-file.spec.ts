import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BackupFileDamaged, RestoreRefused } from './backup-errors.js';
import { BackupFileWriter, readBackup, verifyBackup, type BackupManifest } from './backup-file.js';

const folder = mkdtempSync(path.join(tmpdir(), 'backup-file-'));
let files = 0;

// Rows long enough, and many enough, that gzip hands them back split across chunks; rows that begin
// with a backslash (a NULL first column) and one row far longer than a chunk.
const rows = Array.from({ length: 3000 }, (_, i) => `${i}\tname ${i} ${'x'.repeat(i % 97)}\t\\N\n`).join('');
const nulls = Array.from({ length: 500 }, (_, i) => `\\N\t${i}\n`).join('');
const tables = { participant: rows, empty: '', audit_entry: `1\t${'y'.repeat(3_000_000)}\n${nulls}` };

function manifestOf(contents: Record<string, string>): BackupManifest {
  return {
    formatVersion: 1,
    createdAt: '2026-12-01T00:00:00.000Z',
    tool: { name: 'coalition-registry', version: 'test' },
    server: { version: '18', database: 'registry', schema: 'public' },
    schemaMigration: 'Create1000000000001',
    migrations: ['Create1000000000001'],
    datasetRevision: null,
    tables: Object.entries(contents).map(([name, text]) => ({
      name,
      columns: ['id', 'name', 'note'],
      rows: text.split('\n').length - 1,
    })),
  };
}

async function written(contents: Record<string, string>, manifest = manifestOf(contents)): Promise<string> {
  files += 1;
  const file = path.join(folder, `${files}.backup.gz`);
  const writer = await BackupFileWriter.create(file);
  await writer.writeManifest(manifest);
  for (const [name, text] of Object.entries(contents)) {
    await writer.beginTable(name);
    await writer.writeRows(Buffer.from(text));
    await writer.endTable();
  }
  await writer.finish();
  return file;
}

/** The file's text changed by `edit`, compressed again: valid gzip around damaged content. */
function rewritten(file: string, edit: (text: string) => string): string {
  const target = `${file}.edited.gz`;
  writeFileSync(target, gzipSync(edit(gunzipSync(readFileSync(file)).toString())));
  return target;
}

async function readAll(file: string) {
  const seen: Record<string, string> = {};
  for await (const part of readBackup(file)) {
    if (part.kind === 'tableStart') seen[part.table.name] = '';
    if (part.kind === 'rows') seen[part.table.name] += part.data.toString();
  }
  return seen;
}

describe('the backup file format', () => {
  it('gives back every row as written, table by table, and the manifest', async () => {
    const file = await written(tables);
    expect(await readAll(file)).toEqual(tables);
    expect((await verifyBackup(file)).tables).toEqual([
      { name: 'participant', columns: ['id', 'name', 'note'], rows: 3000 },
      { name: 'empty', columns: ['id', 'name', 'note'], rows: 0 },
      { name: 'audit_entry', columns: ['id', 'name', 'note'], rows: 501 },
    ]);
  });

  it('refuses a truncated file', async () => {
    const file = await written(tables);
    const bytes = readFileSync(file);
    const cut = `${file}.cut`;
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(verifyBackup(cut)).rejects.toThrow(BackupFileDamaged);
    await expect(verifyBackup(cut)).rejects.toThrow(/truncated or damaged; nothing was written/);
    const withoutEnd = rewritten(file, (text) => text.slice(0, text.indexOf('table empty')));
    await expect(verifyBackup(withoutEnd)).rejects.toThrow(/ends before its end marker/);
  });

  it('refuses content that changed under a valid gzip: the checksum no longer matches', async () => {
    const file = await written(tables);
    await expect(verifyBackup(rewritten(file, (text) => text.replace('name 42 ', 'name 24 ')))).rejects.toThrow(
      /its checksum does not match its content/,
    );
  });

  it('refuses a table whose rows are not the manifest’s count, or a section out of order', async () => {
    const short = await written(tables, {
      ...manifestOf(tables),
      tables: manifestOf(tables).tables.map((t) => ({ ...t, rows: t.rows && t.rows + 1 })),
    });
    await expect(verifyBackup(short)).rejects.toThrow(/table participant holds 3000 rows where its manifest says 3001/);
    const reordered = await written(tables, {
      ...manifestOf(tables),
      tables: [...manifestOf(tables).tables].reverse(),
    });
    await expect(verifyBackup(reordered)).rejects.toThrow(
      /section "table participant" is not the one its manifest lists next/,
    );
  });

  it('refuses a file that is not a backup, and a format it does not read, saying so', async () => {
    const text = path.join(folder, 'notes.txt');
    writeFileSync(text, 'just notes\n');
    await expect(verifyBackup(text)).rejects.toThrow(RestoreRefused);
    await expect(verifyBackup(text)).rejects.toThrow(/is not a coalition-registry backup \(it is not gzip data\)/);
    const future = rewritten(await written(tables), (t) =>
      t.replace('coalition-registry backup 1', 'coalition-registry backup 2'),
    );
    await expect(verifyBackup(future)).rejects.toThrow(/in backup format "2", .* Upgrade the code first/);
  });

  it('writes files only their owner can read, and never over another file', async () => {
    const file = await written(tables);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await expect(BackupFileWriter.create(file)).rejects.toThrow(/EEXIST/);
  });
});
