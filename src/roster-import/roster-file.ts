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

/**
 * The line each item of a JSON array starts on, so a bad row is named by its line as in a CSV. One pass
 * that follows strings (a brace inside a note is not an item) and nesting (only the array's own items).
 */
export function itemLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let isInString = false;
  let isEscaped = false;
  let isAwaitingItem = false;
  for (const char of text) {
    if (char === '\n') line += 1;
    if (isInString) {
      if (isEscaped) isEscaped = false;
      else if (char === '\\') isEscaped = true;
      else if (char === '"') isInString = false;
      continue;
    }
    if (/\s/.test(char)) continue;
    if (depth === 1 && isAwaitingItem && char !== ']') {
      lines.push(line);
      isAwaitingItem = false;
    }
    if (char === '"') isInString = true;
    else if (char === '[' || char === '{') {
      depth += 1;
      if (depth === 1) isAwaitingItem = true;
    } else if (char === ']' || char === '}') depth -= 1;
    else if (char === ',' && depth === 1) isAwaitingItem = true;
  }
  return lines;
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
    const starts = itemLines(text);
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
