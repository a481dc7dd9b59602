import type pg from 'pg';
import { timelineSql } from '../src/memberships/membership-timeline.repository.js';
import { ALL_MEMBERSHIP_STATUSES } from '../src/memberships/membership-status.js';

/**
 * The growth timeline of the dashboard question, for the two systems that are not ours: quarterly
 * counts by status at each quarter's end, over a fixed window so every system answers the same
 * question for as long as the dataset stays the same. Both run our service's own timeline SQL
 * (`timelineSql`), with the coalition found by its slug: the floor directly, PostGraphile through a
 * PostgreSQL function.
 */
export const TIMELINE_WINDOW = { from: '2015-01-01', to: '2026-09-30' } as const;

/** Rows (bucket, natural_end, status, count); $1 the slug, $2 the first day, $3 the last, $4-$6 as below. */
export const TIMELINE_ROWS_SQL = timelineSql('(SELECT id FROM coalition WHERE slug = $1)');

/** $4, $5 and $6 of TIMELINE_ROWS_SQL for quarters: the date_trunc unit, the step, every status. */
export const QUARTERLY = ['quarter', '3 months', ALL_MEMBERSHIP_STATUSES] as const;

/**
 * Where the bench keeps what it adds for PostGraphile. PostGraphile answers aggregates through SQL
 * functions (its documented way; v5 has no aggregates plugin yet): this is configuration of the
 * database it serves, not a patch to PostGraphile. Our migrations never touch this schema.
 */
export const POSTGRAPHILE_EXTRAS_SCHEMA = 'bench_postgraphile';

/**
 * `benchPostgraphileCoalitionTimeline(slug, fromDate, toDate)` for PostGraphile (it prefixes the
 * schema): a stable function returning the rows above; the quarterly arguments default.
 */
export async function installPostgraphileTimeline(client: pg.Client): Promise<void> {
  const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
  const [unit, step, statuses] = QUARTERLY;
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${POSTGRAPHILE_EXTRAS_SCHEMA}`);
  // Its rows changed shape once (period_end to natural_end): a new signature needs the old one gone.
  await client.query(`DROP FUNCTION IF EXISTS ${POSTGRAPHILE_EXTRAS_SCHEMA}.coalition_timeline(text, date, date)`);
  await client.query(
    `DROP FUNCTION IF EXISTS ${POSTGRAPHILE_EXTRAS_SCHEMA}.coalition_timeline(text, date, date, text, interval, text[])`,
  );
  await client.query(`
    CREATE FUNCTION ${POSTGRAPHILE_EXTRAS_SCHEMA}.coalition_timeline(slug text, from_date date, to_date date,
      unit text DEFAULT ${literal(unit)}, step interval DEFAULT ${literal(step)},
      statuses text[] DEFAULT ARRAY[${statuses.map(literal).join(', ')}])
    RETURNS TABLE (bucket text, natural_end text, status text, count int) LANGUAGE sql STABLE
    AS $timeline$ ${TIMELINE_ROWS_SQL} $timeline$`);
}
