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

/** The columns of `participant` under `alias`, each named as its entity field (for the repository's own reads). */
export const participantColumns = (alias: string): string =>
  PARTICIPANT_FIELDS.map(([column, field]) => `${alias}.${column} AS "${field}"`).join(', ');

/**
 * What the participants feature offers other features' queries on purpose: a query that joins
 * `participant` anyway (a page of memberships filters and sorts by it) reads the participant under
 * `alias` as this JSON object, the entity's fields as its keys, and hands it to
 * `ParticipantsService.prime`, so the participant loader is primed without a statement of its own.
 */
export const participantJsonSql = (alias: string): string =>
  `json_build_object(${PARTICIPANT_FIELDS.map(([column, field]) => `'${field}', ${alias}.${column}`).join(', ')})`;
