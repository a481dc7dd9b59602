import { jsonFields, jsonObjectSql, JsonTuple, type JsonField, type JsonTable } from '../database/json-tuple.js';
import type { CitedFact } from './citation.entity.js';

/** Each Source field as the JSON fields it reads; every field of Source is a column. */
const SOURCE_JSON: JsonTable = {
  id: { id: 'cited.id' },
  url: { url: 'cited.url' },
  title: { title: 'cited.title' },
  publisher: { publisher: 'cited.publisher' },
  publishedOn: { publishedOn: 'cited.published_on' },
  publishedOnPrecision: { publishedOnPrecision: 'cited.published_on_precision' },
  note: { note: 'cited.note' },
  archivedUrl: { archivedUrl: 'cited.archived_url' },
  version: { version: 'cited.version' },
  __typename: {},
};
const SOURCE_FIELDS = Object.keys(SOURCE_JSON);

/** The JSON fields of a Source for the GraphQL `fields` asked (every field when absent or one is not a column). */
function sourceFields(fields?: ReadonlySet<string>): JsonField[] {
  const isWhole = !fields || [...fields].some((field) => !(field in SOURCE_JSON));
  return SOURCE_FIELDS.filter((field) => isWhole || field === 'id' || fields.has(field)).flatMap((field) =>
    jsonFields(SOURCE_JSON[field]!),
  );
}

/** The JSON array (oldest citation first) of `element`, one per source of the fact whose id is `factId`. */
const citedList = (fact: CitedFact, factId: string, element: string) =>
  `coalesce((SELECT json_agg(${element} ORDER BY citing.id)
       FROM citation citing JOIN source cited ON cited.id = citing.source_id WHERE citing.${fact}_id = ${factId}), '[]'::json)`;

/**
 * What the sources feature offers other features' queries on purpose: the sources of one fact as a
 * JSON array of objects (oldest citation first), to embed in the query that loads the facts
 * themselves, so a page of events or commitments needs no second statement for its sources. `factId`
 * is the SQL expression of the fact's id; each element has every field of `Source`.
 */
export function citedSourcesJson(fact: CitedFact, factId: string): string {
  return citedList(fact, factId, jsonObjectSql(sourceFields()));
}

/**
 * The JSON fields for the fields a query asks of a cited fact (a membership event, a commitment),
 * so a page reads no column nobody asked for. `table` gives each field's JSON fields (none for a
 * field that reads nothing); they are taken in the table's order, so one selection is one statement
 * text (one prepared statement). `sources` reads the fact's sources (their `sourceFields`, as tuples
 * read back into objects); the fact's id is read only when asked or for a retraction, which names
 * its fact by id. Null when a field is not in the table, so that its resolver answers it instead.
 */
export function citedFactJsonFields(
  fact: CitedFact,
  factId: string,
  table: JsonTable,
  fields: ReadonlySet<string>,
  sourceFieldsAsked: ReadonlySet<string>,
): JsonField[] | null {
  if ([...fields].some((field) => !(field in table) && field !== 'sources')) return null;
  const own = Object.keys(table)
    .filter((field) => fields.has(field) || (field === 'id' && fields.has('retraction')))
    .flatMap((field) => jsonFields(table[field]!));
  if (!fields.has('sources')) return own;
  const source = new JsonTuple(sourceFields(sourceFieldsAsked));
  return [...own, { key: 'sources', sql: citedList(fact, factId, source.sql), read: (list) => source.readList(list) }];
}
