import type { OperationName } from './bench-options.js';
import { QUARTERLY, TIMELINE_ROWS_SQL } from './timeline-rows.js';

/**
 * The floor: the best single SQL statement per question, the whole JSON response built by
 * PostgreSQL (shaped like our API's answer), handed to the client as text. No framework beats it.
 */
export interface BareQuery {
  sql: string;
  /** The statement's parameters from the request's variables. */
  parameters(variables: Record<string, unknown>): unknown[];
}

export const BARE_QUERIES: Record<OperationName, BareQuery> = {
  'diplomat-lookup': {
    sql: `
      SELECT json_build_object('data', json_build_object('membership', (
        SELECT json_build_object('status', m.status, 'statusSince', m.status_since, 'history', coalesce((
          SELECT json_agg(json_build_object('status', e.status, 'effectiveOn', e.effective_on, 'sources', coalesce((
                   SELECT json_agg(json_build_object('title', s.title, 'url', s.url) ORDER BY c.id)
                     FROM citation c JOIN source s ON s.id = c.source_id
                    WHERE c.membership_event_id = e.id), '[]'::json))
                 ORDER BY e.effective_on, e.sequence)
            FROM membership_event e WHERE e.membership_id = m.id), '[]'::json))
          FROM membership m
          JOIN coalition co ON co.id = m.coalition_id
          JOIN participant p ON p.id = m.participant_id
         WHERE co.slug = $1 AND (p.code = upper($2) OR p.alpha3 = upper($2)))))::text AS body`,
    parameters: (v) => [v.coalition, v.participant],
  },

  // Keyset page ordered by (status_since, id); the cursor is base64 of "date|id".
  'members-page': {
    sql: `
      WITH filtered AS (
        SELECT m.id, m.status, m.status_since, p.code, p.name, p.region
          FROM membership m
          JOIN coalition co ON co.id = m.coalition_id
          JOIN participant p ON p.id = m.participant_id
         WHERE co.slug = $1 AND m.status = ANY($2::text[]) AND lower(p.region) = lower($3)),
      page AS (
        SELECT * FROM filtered
         WHERE $4::date IS NULL OR (status_since, id) > ($4::date, $5::uuid)
         ORDER BY status_since, id LIMIT $6 + 1),
      shown AS (SELECT * FROM page ORDER BY status_since, id LIMIT $6)
      SELECT json_build_object('data', json_build_object('coalition', json_build_object('memberships', json_build_object(
        'totalCount', (SELECT count(*) FROM filtered),
        'pageInfo', json_build_object(
          'hasNextPage', (SELECT count(*) FROM page) > $6,
          'endCursor', (SELECT encode(convert_to(status_since || '|' || id, 'UTF8'), 'base64')
                          FROM shown ORDER BY status_since DESC, id DESC LIMIT 1)),
        'nodes', coalesce((SELECT json_agg(json_build_object('status', status, 'statusSince', status_since,
                   'participant', json_build_object('code', code, 'name', name, 'region', region))
                   ORDER BY status_since, id) FROM shown), '[]'::json)))))::text AS body`,
    parameters: (v) => {
      const [date, id] =
        typeof v.after === 'string' ? Buffer.from(v.after, 'base64').toString('utf8').split('|') : [null, null];
      return [v.coalition, v.status, v.region, date, id, v.first];
    },
  },

  'dashboard-stats': {
    sql: `
      WITH counts AS (
        SELECT m.status, p.kind, p.region, count(*)::int AS n
          FROM membership m
          JOIN coalition co ON co.id = m.coalition_id
          JOIN participant p ON p.id = m.participant_id
         WHERE co.slug = $1
         GROUP BY m.status, p.kind, p.region),
      timeline_rows AS (${TIMELINE_ROWS_SQL}),
      periods AS (
        SELECT natural_end, sum(count)::int AS total,
               json_agg(json_build_object('status', status, 'count', count)) AS by_status
          FROM timeline_rows GROUP BY natural_end)
      SELECT json_build_object('data', json_build_object('coalition', json_build_object('stats', json_build_object(
        'total', (SELECT coalesce(sum(n), 0) FROM counts),
        'committed', (SELECT coalesce(sum(n) FILTER (WHERE status = 'COMMITTED'), 0) FROM counts),
        'invitedNotParticipating', (SELECT coalesce(sum(n) FILTER (WHERE status = 'INVITED'), 0) FROM counts),
        'byStatus', (SELECT json_agg(json_build_object('status', s, 'count',
                       (SELECT coalesce(sum(n), 0) FROM counts WHERE status = s)))
                       FROM unnest(ARRAY['INVITED', 'COMMITTED', 'DECLINED', 'WITHDRAWN']) s),
        'byKind', (SELECT json_agg(json_build_object('kind', kind, 'total', total, 'committed', committed) ORDER BY kind)
                     FROM (SELECT kind, sum(n) AS total, coalesce(sum(n) FILTER (WHERE status = 'COMMITTED'), 0) AS committed
                             FROM counts GROUP BY kind) k),
        'byRegion', (SELECT json_agg(json_build_object('region', region, 'total', total, 'committed', committed) ORDER BY region)
                       FROM (SELECT region, sum(n) AS total, coalesce(sum(n) FILTER (WHERE status = 'COMMITTED'), 0) AS committed
                               FROM counts GROUP BY region) r)),
        'timeline', (SELECT json_agg(json_build_object('end', natural_end, 'total', total, 'byStatus', by_status)
                                     ORDER BY natural_end) FROM periods))))::text AS body`,
    parameters: (v) => [v.coalition, v.from, v.to, ...QUARTERLY],
  },

  // The page comes from the (coalition_id, status_since, id) index; each list from its own index.
  'nested-page': {
    sql: `
      SELECT json_build_object('data', json_build_object('coalition', json_build_object('memberships', json_build_object(
        'nodes', coalesce((SELECT json_agg(node) FROM (
          SELECT json_build_object(
            'status', m.status,
            'statusSince', m.status_since,
            'participant', json_build_object('code', p.code, 'name', p.name),
            'history', (SELECT json_agg(json_build_object('status', e.status, 'effectiveOn', e.effective_on))
                          FROM (SELECT * FROM membership_event e WHERE e.membership_id = m.id
                                 ORDER BY e.effective_on, e.sequence) e),
            'commitments', coalesce((SELECT json_agg(json_build_object('title', c.title, 'status', c.status, 'madeOn', c.made_on))
                                       FROM (SELECT * FROM commitment c WHERE c.membership_id = m.id
                                              ORDER BY c.made_on, c.title LIMIT 5) c), '[]'::json)) AS node
            FROM membership m JOIN participant p ON p.id = m.participant_id
           WHERE m.coalition_id = co.id
           ORDER BY m.status_since, m.id LIMIT 50) page), '[]'::json)))))::text AS body
        FROM coalition co WHERE co.slug = $1`,
    parameters: (v) => [v.coalition],
  },
};
