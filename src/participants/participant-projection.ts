import { JsonTuple } from '../database/json-tuple.js';
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
 * The entity fields each GraphQL field of a participant reads (toParticipantView maps them); `kind`
 * (which type it is) is always read. A field not listed (one a resolver answers) has the whole
 * participant read.
 */
const ENTITY_FIELDS_OF: Readonly<Record<string, ReadonlyArray<keyof ParticipantEntity>>> = {
  __typename: [],
  kind: [],
  id: ['id'],
  code: ['code'],
  alpha2: ['code'],
  acronym: ['code'],
  name: ['name'],
  aliases: ['aliases'],
  version: ['version'],
  alpha3: ['alpha3'],
  officialName: ['officialName'],
  region: ['region'],
  subregion: ['subregion'],
  website: ['website'],
};

/** True when `fields` (GraphQL field names) need every column of the participant. */
export const needsWholeParticipant = (fields: ReadonlySet<string>): boolean =>
  [...fields].some((field) => !(field in ENTITY_FIELDS_OF));

/**
 * What the participants feature offers other features' queries on purpose: a query that joins
 * `participant` anyway (a page of memberships filters and sorts by it) reads the participant under
 * `alias` with this tuple (json-tuple.ts), read back into an object with the entity's fields as its
 * keys, only those the GraphQL `fields` need (all of them when one is unknown); a whole one can prime
 * the participant loader (`ParticipantsService.fromPage`) so that it costs no statement of its own.
 */
export function participantJson(alias: string, fields: ReadonlySet<string>): JsonTuple {
  const isWhole = needsWholeParticipant(fields);
  const needed = new Set<string>(['kind', ...[...fields].flatMap((field) => ENTITY_FIELDS_OF[field] ?? [])]);
  return new JsonTuple(
    PARTICIPANT_FIELDS.filter(([, field]) => isWhole || needed.has(field)).map(([column, field]) => ({
      key: field,
      sql: `${alias}.${column}`,
    })),
  );
}
