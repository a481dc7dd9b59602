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
