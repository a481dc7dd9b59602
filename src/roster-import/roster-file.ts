import { parse } from 'csv-parse/sync';
import { InvalidInput } from '../common/domain-errors.js';
import { INPUT_LIMITS } from '../common/input-rules.js';

/**
 * A published roster as a file: CSV with a header row, or a JSON array of objects, with the fields
 * participant, status, date, sourceUrl (source_url), sourceTitle (source_title), note; each row keeps
 * the line it came from, so a bad row can be named by its line number.
 */
export interface RosterRow {
  line: number;
  participant: string;
  status: string;
  date: string;
  sourceUrl: string;
  sourceTitle: string;
  note: string;
}

export class RosterFileError extends Error {}

const FIELDS: Record<string, keyof Omit<RosterRow, 'line'>> = {
  participant: 'participant',
  status: 'status',
  date: 'date',
  sourceurl: 'sourceUrl',
  source_url: 'sourceUrl',
  sourcetitle: 'sourceTitle',
  source_title: 'sourceTitle',
  note: 'note',
};

function toRow(record: Record<string, unknown>, line: number): RosterRow {
  const row: RosterRow = { line, participant: '', status: '', date: '', sourceUrl: '', sourceTitle: '', note: '' };
  for (const [name, value] of Object.entries(record)) {
    const field = FIELDS[name.trim().toLowerCase()];
    if (!field) throw new RosterFileError(`line ${line}: unknown column "${name}"`);
    row[field] = value === null || value === undefined ? '' : String(value);
  }
  return row;
}

/** The size cap, checked before the file is parsed. */
export function assertRosterSize(text: string, argument = 'file'): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > INPUT_LIMITS.rosterBytes) {
    throw new InvalidInput(argument, `A roster may be at most ${INPUT_LIMITS.rosterBytes} bytes; this one is ${bytes}`);
  }
}

/** The row cap, checked before any row is. */
export function assertRowCount(rows: number, argument = 'csv'): void {
  if (rows > INPUT_LIMITS.rosterRows) {
    throw new InvalidInput(argument, `A roster may have at most ${INPUT_LIMITS.rosterRows} rows; this one has ${rows}`);
  }
}

export function parseRosterFile(name: string, text: string): RosterRow[] {
  assertRosterSize(text);
  if (name.toLowerCase().endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new RosterFileError(`not valid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new RosterFileError('a JSON roster must be an array of objects');
    // Line numbers of a JSON array: the line each object starts on.
    const starts = [...text.matchAll(/\{/g)].map((match) => text.slice(0, match.index).split('\n').length);
    return parsed.map((record, index) => {
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        throw new RosterFileError(`item ${index + 1} is not an object`);
      }
      return toRow(record as Record<string, unknown>, starts[index] ?? index + 1);
    });
  }
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true });
  } catch (error) {
    throw new RosterFileError(`not valid CSV: ${(error as Error).message}`);
  }
  return records.map(({ record, info }) => toRow(record, info.lines));
}
