import type { ParticipantEntity } from './participant.entity.js';

/** The participant columns a view needs, and the field each becomes. */
const PARTICIPANT_FIELDS: Array<[column: string, field: keyof ParticipantEntity]> = [
  ['id', 'id'],
  ['kind', 'kind'],
  ['code', 'code'],
  ['version', 'version'],
  ['alpha3', 'alpha3'],
  ['name', 'name'],
  ['official_name', 'officialName'],
  ['region', 'region'],
  ['subregion', 'subregion'],
  ['website', 'website'],
  ['aliases', 'aliases'],
];

/**
 * What the participants feature offers other features' queries on purpose: a query that joins
 * `participant` anyway (a page of memberships filters and sorts by it) selects these columns of the
 * table under `alias`, each named `prefix` + its field, and hands the rows back through
 * `participantFromRow`, so the participant loader is primed without a statement of its own.
 */
export const participantColumns = (alias: string, prefix = ''): string =>
  PARTICIPANT_FIELDS.map(([column, field]) => `${alias}.${column} AS "${prefix}${field}"`).join(', ');

/** A participant read by another query with `participantColumns(alias, prefix)`. */
export function participantFromRow(row: Record<string, unknown>, prefix: string): ParticipantEntity {
  return Object.fromEntries(
    PARTICIPANT_FIELDS.map(([, field]) => [field, row[`${prefix}${field}`]]),
  ) as unknown as ParticipantEntity;
}
