import pg from 'pg';
import { BENCH_SLUG_PREFIX } from './dataset-plan.js';
import type { DatasetFacts } from './operations/operation.js';

/** A page 2 needs more committed members in a region than the first page (5) shows. */
const MIN_COMMITTED_FOR_A_SECOND_PAGE = 6;

/** Reads what the questions rotate over: the bench coalitions (or the seed's), their members, regions. */
export async function readDatasetFacts(databaseUrl: string): Promise<DatasetFacts> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const bench = await client.query<{ slug: string }>(
      `SELECT slug FROM coalition WHERE slug LIKE $1 || '%' ORDER BY slug`,
      [BENCH_SLUG_PREFIX],
    );
    const all = bench.rowCount
      ? bench
      : await client.query<{ slug: string }>('SELECT slug FROM coalition ORDER BY slug');
    const coalitions = all.rows.map((row) => row.slug);
    if (coalitions.length === 0) throw new Error('the bench database has no coalition: was it seeded?');

    const members = await client.query<{ code: string; region: string | null; status: string }>(
      `SELECT p.code, p.region, m.status
         FROM membership m JOIN coalition c ON c.id = m.coalition_id JOIN participant p ON p.id = m.participant_id
        WHERE c.slug = $1 ORDER BY p.code`,
      [coalitions[0]],
    );
    const regionsOfAll = await client.query<{ region: string | null }>(
      `SELECT DISTINCT p.region FROM membership m JOIN participant p ON p.id = m.participant_id
         JOIN coalition c ON c.id = m.coalition_id WHERE c.slug = ANY($1::text[]) ORDER BY p.region`,
      [coalitions],
    );
    const committedByRegion = new Map<string, number>();
    for (const row of members.rows) {
      if (row.region !== null && row.status === 'COMMITTED') {
        committedByRegion.set(row.region, (committedByRegion.get(row.region) ?? 0) + 1);
      }
    }
    const ranked = [...committedByRegion.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const large = ranked.filter(([, count]) => count >= MIN_COMMITTED_FOR_A_SECOND_PAGE).map(([region]) => region);
    return {
      coalitions,
      participantCodes: members.rows.map((row) => row.code),
      largeRegions: large.length > 0 ? large : ranked.slice(0, 1).map(([region]) => region),
      regions: regionsOfAll.rows.map((row) => row.region),
    };
  } finally {
    await client.end();
  }
}
