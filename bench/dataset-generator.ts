import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { searchTextOf } from '../src/participants/country-catalog.js';
import {
  addDays,
  BENCH_ORGANIZATIONS,
  BENCH_RECORDED_BY,
  BENCH_SLUG_PREFIX,
  benchUuid,
  coalitionSlug,
  COMMITMENT_STATUSES,
  commitmentCountOf,
  historyOf,
  LINES_OF_EFFORT,
  pick,
  randomSource,
  type DatasetPlan,
} from './dataset-plan.js';

/**
 * Writes the benchmark dataset into the registry's real schema (migrated and seeded first) with
 * COPY, in one transaction: an interrupted load leaves nothing behind. Every constraint holds:
 * statuses follow the state machine, dates are ordered, every event and commitment cites a source.
 */

export interface DatasetCounts {
  coalitions: number;
  memberships: number;
  membershipEvents: number;
  commitments: number;
  citations: number;
  sources: number;
}

const SOURCE_URL_PREFIX = 'https://bench.example.org/sources/';
const SEED = 20230707;
const TABLE = { membership: 1, event: 2, commitment: 3, source: 4, coalition: 5 } as const;

interface MembershipDraft {
  line: string;
  events: Array<{ line: string; sourceIndexes: number[]; id: string }>;
  commitments: Array<{ line: string; sourceIndex: number; id: string }>;
}

/** The same walk over every membership on each pass (same seed), so each table can be copied in turn. */
function* membershipDrafts(plan: DatasetPlan, participantIds: string[]): Generator<MembershipDraft> {
  const random = randomSource(SEED);
  let eventIndex = 0;
  let commitmentIndex = 0;
  for (let c = 0; c < plan.coalitions; c += 1) {
    const launchedOn = addDays('2015-01-05', c * 9);
    for (let p = 0; p < participantIds.length; p += 1) {
      const index = c * participantIds.length + p;
      const id = benchUuid(TABLE.membership, index);
      const history = historyOf(random);
      let date = addDays(launchedOn, Math.floor(random() * 365));
      const invitedOn = date;
      const events: MembershipDraft['events'] = [];
      let committedOn: string | null = null;
      for (const [step, status] of history.entries()) {
        if (step > 0) date = addDays(date, 1 + Math.floor(random() * 400));
        if (status === 'COMMITTED') committedOn = date;
        const eventId = benchUuid(TABLE.event, eventIndex++);
        const sourceIndexes = [Math.floor(random() * plan.sources)];
        // One event in four rests on two sources.
        if (random() < 0.25)
          sourceIndexes.push((sourceIndexes[0]! + 1 + Math.floor(random() * (plan.sources - 1))) % plan.sources);
        const isAttested = random() < 0.7 ? 't' : 'f';
        events.push({
          id: eventId,
          sourceIndexes,
          line: `${eventId}\t${id}\t${status}\t${date}\t${isAttested}\t${BENCH_RECORDED_BY}`,
        });
      }
      const status = history.at(-1)!;
      const membershipLine = `${id}\t${benchUuid(TABLE.coalition, c)}\t${participantIds[p]}\t${status}\t${invitedOn}\t${date}\t${history.length}`;
      const commitments: MembershipDraft['commitments'] = [];
      const count = commitmentCountOf(random, history);
      for (let k = 0; k < count; k += 1) {
        const commitmentId = benchUuid(TABLE.commitment, commitmentIndex++);
        const madeOn = addDays(committedOn!, Math.floor(k * 6 + random() * 30));
        const lineOfEffort = pick(random, LINES_OF_EFFORT) ?? '\\N';
        const title = `Pledge ${String(k + 1).padStart(3, '0')}: measure ${Math.floor(random() * 1e6)} against synthetic drugs`;
        const commitmentStatus =
          status === 'WITHDRAWN' && random() < 0.5 ? 'WITHDRAWN' : pick(random, COMMITMENT_STATUSES.slice(0, 3));
        const isAttested = random() < 0.5 ? 't' : 'f';
        commitments.push({
          id: commitmentId,
          sourceIndex: Math.floor(random() * plan.sources),
          line: `${commitmentId}\t${id}\t${title}\t${lineOfEffort}\t${commitmentStatus}\t${madeOn}\t${isAttested}`,
        });
      }
      yield { line: membershipLine, events, commitments };
    }
  }
}

/** Feeds lines to COPY in chunks of about 256 KiB, and counts them. */
async function copyLines(client: pg.ClientBase, sql: string, lines: Iterable<string>): Promise<number> {
  let count = 0;
  function* chunks(): Generator<string> {
    let chunk = '';
    for (const line of lines) {
      chunk += `${line}\n`;
      count += 1;
      if (chunk.length > 262_144) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(chunks()), client.query(copyStreams.from(sql)));
  return count;
}

function* flatMapDrafts<T>(drafts: Iterable<MembershipDraft>, linesOf: (draft: MembershipDraft) => T[]): Generator<T> {
  for (const draft of drafts) yield* linesOf(draft);
}

async function addOrganizations(client: pg.ClientBase): Promise<void> {
  for (const organization of BENCH_ORGANIZATIONS) {
    await client.query(
      `INSERT INTO participant (kind, code, name, search_text) VALUES ('INTERNATIONAL_ORGANIZATION', $1, $2, $3)
       ON CONFLICT (code) DO NOTHING`,
      [organization.acronym, organization.name, searchTextOf([organization.acronym, organization.name])],
    );
  }
}

/** The bench coalitions already loaded, if they match the plan; otherwise they are removed. */
export async function isDatasetLoaded(client: pg.ClientBase, plan: DatasetPlan): Promise<boolean> {
  const { rows } = await client.query<{ n: number; marker: string | null }>(
    `SELECT count(*)::int AS n, min(description) AS marker FROM coalition WHERE slug LIKE $1 || '%'`,
    [BENCH_SLUG_PREFIX],
  );
  const found = rows[0]!;
  return found.n === plan.coalitions && (plan.coalitions === 0 || found.marker === plan.marker);
}

export async function removeDataset(client: pg.ClientBase): Promise<void> {
  // Cascades to memberships, their events, commitments and citations.
  await client.query(`DELETE FROM coalition WHERE slug LIKE $1 || '%'`, [BENCH_SLUG_PREFIX]);
  await client.query(`DELETE FROM source WHERE url LIKE $1 || '%'`, [SOURCE_URL_PREFIX]);
}

export async function generateDataset(
  client: pg.ClientBase,
  plan: DatasetPlan,
  log: (message: string) => void = () => {},
): Promise<DatasetCounts> {
  const counts: DatasetCounts = {
    coalitions: 0,
    memberships: 0,
    membershipEvents: 0,
    commitments: 0,
    citations: 0,
    sources: 0,
  };
  await client.query('BEGIN');
  try {
    await removeDataset(client);
    if (plan.coalitions === 0) {
      await client.query('COMMIT');
      return counts;
    }
    await addOrganizations(client);
    const participants = await client.query<{ id: string; code: string }>(
      'SELECT id, code FROM participant ORDER BY code',
    );
    const participantIds = participants.rows.map((row) => row.id);
    const convener = participants.rows.find((row) => row.code === 'US')?.id ?? participantIds[0]!;

    const sourceIds = Array.from({ length: plan.sources }, (_, i) => benchUuid(TABLE.source, i));
    counts.sources = await copyLines(
      client,
      'COPY source (id, url, title, publisher, published_on) FROM STDIN',
      sourceIds.map(
        (id, i) =>
          `${id}\t${SOURCE_URL_PREFIX}${i}\tBench source ${i}: ministerial statement\tBench Ministry\t${addDays('2015-01-01', i % 3650)}`,
      ),
    );
    counts.coalitions = await copyLines(
      client,
      'COPY coalition (id, slug, name, description, launched_on, convener_id, roster_note) FROM STDIN',
      Array.from({ length: plan.coalitions }, (_, c) =>
        [
          benchUuid(TABLE.coalition, c),
          coalitionSlug(c),
          `Bench coalition ${c + 1}`,
          plan.marker,
          addDays('2015-01-05', c * 9),
          convener,
          'Synthetic roster for benchmarks',
        ].join('\t'),
      ),
    );
    log(`copying memberships of ${plan.coalitions} coalitions x ${participantIds.length} participants`);
    counts.memberships = await copyLines(
      client,
      'COPY membership (id, coalition_id, participant_id, status, invited_on, status_since, version) FROM STDIN',
      flatMapDrafts(membershipDrafts(plan, participantIds), (draft) => [draft.line]),
    );
    counts.membershipEvents = await copyLines(
      client,
      'COPY membership_event (id, membership_id, status, effective_on, is_attested, recorded_by) FROM STDIN',
      flatMapDrafts(membershipDrafts(plan, participantIds), (draft) => draft.events.map((event) => event.line)),
    );
    log(`copying ${counts.membershipEvents} membership events; now commitments`);
    counts.commitments = await copyLines(
      client,
      'COPY commitment (id, membership_id, title, line_of_effort, status, made_on, is_attested) FROM STDIN',
      flatMapDrafts(membershipDrafts(plan, participantIds), (draft) =>
        draft.commitments.map((commitment) => commitment.line),
      ),
    );
    log(`copying citations for ${counts.membershipEvents} events and ${counts.commitments} commitments`);
    counts.citations = await copyLines(
      client,
      'COPY citation (source_id, membership_event_id, commitment_id) FROM STDIN',
      flatMapDrafts(membershipDrafts(plan, participantIds), (draft) => [
        ...draft.events.flatMap((event) => event.sourceIndexes.map((s) => `${sourceIds[s]}\t${event.id}\t\\N`)),
        ...draft.commitments.map((commitment) => `${sourceIds[commitment.sourceIndex]}\t\\N\t${commitment.id}`),
      ]),
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  // Fresh statistics and visibility map, as a database in service would have.
  await client.query('VACUUM ANALYZE');
  return counts;
}
