import pg from 'pg';
import { ensureDataset } from '../bench/bench-database.js';
import { OPERATION_NAMES } from '../bench/bench-options.js';
import { commitmentCountOf, historyOf, planDataset, randomSource } from '../bench/dataset-plan.js';
import { runBench } from '../bench/run-bench.js';
import { formatRatios } from '../bench/results-report.js';
import { canTransition, MembershipStatus } from '../src/memberships/membership-status.js';
import { createTestDatabase } from './support/test-app.js';

/**
 * The benchmark harness (`npm run bench`) on a tiny dataset: its generator writes what it plans into
 * the real schema, and a one-second run of each question through our service and the bare pg floor
 * agrees on the answers and counts no error. PostGraphile is left out here: it needs Node 22.
 */
const SCALE = 0.005;
let database: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('benchmark dataset', () => {
  it('plans histories that follow the membership state machine, and commitments only for members who committed', () => {
    const random = randomSource(1);
    for (let i = 0; i < 200; i += 1) {
      const history = historyOf(random) as MembershipStatus[];
      expect(history[0]).toBe(MembershipStatus.INVITED);
      history.slice(1).forEach((status, step) => expect(canTransition(history[step]!, status)).toBe(true));
      const commitments = commitmentCountOf(random, history);
      if (!history.includes(MembershipStatus.COMMITTED)) expect(commitments).toBe(0);
      else expect(commitments).toBeGreaterThan(0);
    }
  });

  it('loads the planned rows into the real schema, each event and commitment citing a source, once', async () => {
    const plan = planDataset(SCALE);
    const counts = await ensureDataset(database.url, plan, false, () => {});
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT
          (SELECT count(*)::int FROM participant) AS participants,
          (SELECT count(*)::int FROM membership m JOIN coalition c ON c.id = m.coalition_id WHERE c.slug LIKE 'bench-%') AS memberships,
          (SELECT count(*)::int FROM membership_event WHERE recorded_by = 'bench-generator') AS events,
          (SELECT count(*)::int FROM membership_event e WHERE recorded_by = 'bench-generator'
              AND NOT EXISTS (SELECT 1 FROM citation WHERE membership_event_id = e.id)) AS uncited_events,
          (SELECT count(*)::int FROM commitment c WHERE NOT EXISTS (SELECT 1 FROM citation WHERE commitment_id = c.id)) AS uncited_commitments,
          (SELECT count(*)::int FROM membership m WHERE m.status <> (SELECT e.status FROM membership_event e
              WHERE e.membership_id = m.id ORDER BY e.effective_on DESC, e.sequence DESC LIMIT 1)) AS stale_statuses`);
      const found = rows[0];
      expect(counts).not.toBeNull();
      expect(counts!.coalitions).toBe(plan.coalitions);
      expect(found.memberships).toBe(plan.coalitions * found.participants);
      expect(counts!.memberships).toBe(found.memberships);
      expect(counts!.membershipEvents).toBe(found.events);
      expect(found.events / found.memberships).toBeGreaterThan(1.5);
      expect(found.events / found.memberships).toBeLessThan(2);
      expect(counts!.commitments / counts!.memberships).toBeGreaterThan(15);
      expect(counts!.commitments / counts!.memberships).toBeLessThan(25);
      expect(found).toMatchObject({ uncited_events: 0, uncited_commitments: 0, stale_statuses: 0 });
    } finally {
      await client.end();
    }
    expect(await ensureDataset(database.url, plan, false, () => {})).toBeNull();
  });
});

describe('benchmark run', () => {
  // Three servers started and four questions timed on each: minutes on a loaded 2-core machine.
  it('checks that ours (cache on and off) and the bare floor give the same answers, then times every question without error', async () => {
    const report = await runBench(
      {
        scale: SCALE,
        duration: 1,
        warmup: 0,
        connections: [4],
        systems: ['ours', 'ours-uncached', 'bare'],
        operations: [...OPERATION_NAMES],
        isRegenerating: false,
        isCheckOptional: false,
      },
      database.url,
      () => {},
    );
    expect(report.mismatches).toEqual([]);
    expect(report.runs).toHaveLength(OPERATION_NAMES.length * 3);
    for (const run of report.runs) {
      expect(run.requests).toBeGreaterThan(0);
      expect(run.errors).toBe(0);
    }
    expect(report.ratios.map((ratio) => ratio.operation)).toEqual([...OPERATION_NAMES]);
    expect(report.ratios.every((ratio) => ratio.oursToBare !== null && ratio.oursToPostgraphile === null)).toBe(true);
    expect(report.ratios.every((ratio) => ratio.uncachedToBare !== null)).toBe(true);
    const printed = formatRatios(report.ratios).split('\n');
    for (const name of OPERATION_NAMES) {
      expect(printed).toContainEqual(expect.stringMatching(new RegExp(`^ratio ${name} n/a \\d+\\.\\d\\d$`)));
      expect(printed).toContainEqual(expect.stringMatching(new RegExp(`^ratio-uncached ${name} n/a \\d+\\.\\d\\d$`)));
    }
  }, 240_000);
});
