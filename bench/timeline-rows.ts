import type pg from 'pg';

/**
 * The growth timeline of the dashboard question, for the two systems that are not ours: quarterly
 * counts by status at each quarter's end, over a fixed window so every system answers the same
 * question for as long as the dataset stays the same. One SQL text serves the bare floor and the
 * PostgreSQL function PostGraphile exposes, and follows the same method as our service (each event
 * adds one to its status and takes one from the status it replaced; sums accumulate per quarter).
 */
export const TIMELINE_WINDOW = { from: '2015-01-01', to: '2026-09-30' } as const;

/** Rows (period_end, status, count); $1 the coalition's slug, $2 the first day, $3 the last. */
export const TIMELINE_ROWS_SQL = `
  WITH ordered AS (
         -- Per membership through LATERAL, so each reads its own events by index even under a generic
         -- plan (prepared statements): a plan that guessed "effective_on <= $3" selective read every event.
         SELECT e.status, e.effective_on, e.replaced
           FROM membership m
          CROSS JOIN LATERAL (
                SELECT ev.status, ev.effective_on,
                       lag(ev.status) OVER (ORDER BY ev.effective_on, ev.sequence) AS replaced
                  FROM membership_event ev
                 WHERE ev.membership_id = m.id AND ev.effective_on <= $3::date) AS e
          WHERE m.coalition_id = (SELECT id FROM coalition WHERE slug = $1)),
       deltas AS (
         SELECT effective_on, status, 1 AS delta FROM ordered
         UNION ALL
         SELECT effective_on, replaced, -1 FROM ordered WHERE replaced IS NOT NULL),
       bucketed AS (
         SELECT greatest(date_trunc('quarter', effective_on), date_trunc('quarter', $2::date))::date AS bucket,
                status, sum(delta) AS delta
           FROM deltas GROUP BY 1, 2),
       grid AS (
         SELECT quarter::date AS bucket, statuses.status
           FROM generate_series(date_trunc('quarter', $2::date), date_trunc('quarter', $3::date), interval '3 months') quarter
          CROSS JOIN unnest(ARRAY['INVITED', 'COMMITTED', 'DECLINED', 'WITHDRAWN']) AS statuses(status))
  SELECT (grid.bucket + interval '3 months' - interval '1 day')::date AS period_end, grid.status,
         (sum(coalesce(bucketed.delta, 0)) OVER (PARTITION BY grid.status ORDER BY grid.bucket))::int AS count
    FROM grid LEFT JOIN bucketed ON bucketed.bucket = grid.bucket AND bucketed.status = grid.status`;

/**
 * Where the bench keeps what it adds for PostGraphile. PostGraphile answers aggregates through SQL
 * functions (its documented way; v5 has no aggregates plugin yet): this is configuration of the
 * database it serves, not a patch to PostGraphile. Our migrations never touch this schema.
 */
export const POSTGRAPHILE_EXTRAS_SCHEMA = 'bench_postgraphile';

/** `benchPostgraphileCoalitionTimeline(slug, fromDate, toDate)` for PostGraphile (it prefixes the schema): a stable function returning the rows above. */
export async function installPostgraphileTimeline(client: pg.Client): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${POSTGRAPHILE_EXTRAS_SCHEMA}`);
  await client.query(`
    CREATE OR REPLACE FUNCTION ${POSTGRAPHILE_EXTRAS_SCHEMA}.coalition_timeline(slug text, from_date date, to_date date)
    RETURNS TABLE (period_end date, status text, count int) LANGUAGE sql STABLE AS $timeline$ ${TIMELINE_ROWS_SQL} $timeline$`);
}
