import { stringify } from 'csv-stringify/sync';
import type { RosterDownload } from './roster-download.service.js';
import { spreadsheetSafe } from './spreadsheet-cell.js';

const COLUMNS = [
  'participant_code',
  'name',
  'kind',
  'region',
  'status',
  'status_since',
  'status_since_precision',
  'sources',
] as const;

/**
 * The roster as a spreadsheet opens it cleanly: UTF-8 with a byte-order mark (so accents survive a
 * double click in Excel), every field quoted, CRLF line ends, and no cell a spreadsheet would run as a
 * formula. Several sources share one cell, separated by a space (a URL has none).
 */
export function rosterCsv(roster: RosterDownload): string {
  const rows = roster.entries.map((entry) =>
    [
      entry.participantCode,
      entry.name,
      entry.kind,
      entry.region ?? '',
      entry.status,
      entry.statusSince,
      entry.statusSincePrecision,
      entry.sources.join(' '),
    ].map(spreadsheetSafe),
  );
  return stringify(rows, { header: true, columns: [...COLUMNS], quoted: true, record_delimiter: 'windows', bom: true });
}
