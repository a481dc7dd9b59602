import type { CitedFact } from './citation.entity.js';

/**
 * What the sources feature offers other features' queries on purpose: the sources of one fact as a
 * JSON array (oldest citation first), to embed in the query that loads the facts themselves, so a page
 * of events or commitments needs no second statement for its sources. `factId` is the SQL expression
 * of the fact's id; each element has the fields of `Source`.
 */
export function citedSourcesJson(fact: CitedFact, factId: string): string {
  return `coalesce((SELECT json_agg(json_build_object('id', cited.id, 'url', cited.url, 'title', cited.title,
            'publisher', cited.publisher, 'publishedOn', cited.published_on,
            'publishedOnPrecision', cited.published_on_precision, 'note', cited.note,
            'archivedUrl', cited.archived_url, 'version', cited.version) ORDER BY citing.id)
       FROM citation citing JOIN source cited ON cited.id = citing.source_id WHERE citing.${fact}_id = ${factId}), '[]'::json)`;
}
