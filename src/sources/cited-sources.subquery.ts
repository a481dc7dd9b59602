import type { CitedFact } from './citation.entity.js';

/** Each Source field as `json_build_object` arguments; every field of Source is a column. */
const SOURCE_JSON: Readonly<Record<string, string>> = {
  id: `'id', cited.id`,
  url: `'url', cited.url`,
  title: `'title', cited.title`,
  publisher: `'publisher', cited.publisher`,
  publishedOn: `'publishedOn', cited.published_on`,
  publishedOnPrecision: `'publishedOnPrecision', cited.published_on_precision`,
  note: `'note', cited.note`,
  archivedUrl: `'archivedUrl', cited.archived_url`,
  version: `'version', cited.version`,
  __typename: '',
};
const SOURCE_FIELDS = Object.keys(SOURCE_JSON);

/**
 * What the sources feature offers other features' queries on purpose: the sources of one fact as a
 * JSON array (oldest citation first), to embed in the query that loads the facts themselves, so a page
 * of events or commitments needs no second statement for its sources. `factId` is the SQL expression
 * of the fact's id; each element has the `fields` of `Source` asked (every field when absent, or when
 * one is not a column), always with its id.
 */
export function citedSourcesJson(fact: CitedFact, factId: string, fields?: ReadonlySet<string>): string {
  const isWhole = !fields || [...fields].some((field) => !(field in SOURCE_JSON));
  const pairs = SOURCE_FIELDS.filter((field) => isWhole || field === 'id' || fields.has(field))
    .map((field) => SOURCE_JSON[field])
    .filter(Boolean)
    .join(', ');
  return `coalesce((SELECT json_agg(json_build_object(${pairs}) ORDER BY citing.id)
       FROM citation citing JOIN source cited ON cited.id = citing.source_id WHERE citing.${fact}_id = ${factId}), '[]'::json)`;
}

/**
 * The `json_build_object` arguments for the fields a query asks of a cited fact (a membership event,
 * a commitment), so a page reads no column nobody asked for. `table` gives each field's arguments
 * ('' for a field that reads nothing); they are taken in the table's order, so one selection is one
 * statement text (one prepared statement). `sources` reads the fact's sources (their `sourceFields`);
 * the fact's id is read only when asked or for a retraction, which names its fact by id. Null when a
 * field is not in the table, so that its resolver answers it instead.
 */
export function citedFactJsonPairs(
  fact: CitedFact,
  factId: string,
  table: Readonly<Record<string, string>>,
  fields: ReadonlySet<string>,
  sourceFields: ReadonlySet<string>,
): string | null {
  if ([...fields].some((field) => !(field in table) && field !== 'sources')) return null;
  return Object.keys(table)
    .filter((field) => fields.has(field) || (field === 'id' && fields.has('retraction')))
    .map((field) => table[field])
    .concat(fields.has('sources') ? [`'sources', ${citedSourcesJson(fact, factId, sourceFields)}`] : [])
    .filter(Boolean)
    .join(', ');
}
