import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../src/auth/api-keys.service.js';
import { canTransition, MembershipStatus } from '../src/memberships/membership-status.js';
import { RosterImportService } from '../src/roster-import/roster-import.service.js';
import { bearer, createTestKeys, TEST_SETUP, type TestKeys } from './support/api-keys.js';
import { brokenInvariants, membershipRecords } from './support/membership-records.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * A stateful property test of every writer of memberships (fast-check's model-based commands): random
 * sequences of invitations, status changes, commitments, imports, retries with one Idempotency-Key and
 * concurrent pairs, run over HTTP (the import in process) against a model of what each should do.
 * After every step: each history replays to its status, versions only grow, there is one audit entry
 * per change, and nothing acknowledged is missing. Fixed seed, bounded runs; each run has fresh
 * participants, so runs do not see each other.
 */
const SLUG = 'synthetic-drug-threats';
const SEED = 20261201;
const RUNS = 50;
const MAX_COMMANDS = 15;
const MEMBERS_PER_RUN = 3;
const BASE_DATE = '2020-01-06';
const TITLES = ['Share precursor data', 'Train border officers', 'Fund treatment'];
const STATUSES = Object.values(MembershipStatus);

let service: TestApp;
let keys: TestKeys;
let db: DataSource;
let unused: string[];
let idempotencyKeys = 0;

interface MemberModel {
  status: MembershipStatus;
  version: number;
  since: string;
  commitments: Set<string>;
}
/** What the registry should hold for the run's participants, by their index in the run. */
type Model = Map<number, MemberModel>;
interface Real {
  codes: string[];
  /** The highest version seen so far of each, to show that versions only grow. */
  versions: number[];
}
type Command = fc.AsyncCommand<Model, Real>;
/**
 * The status a command asks for: one the state machine allows next from the member's status as the
 * model has it when the command runs (most commands, so that sequences get somewhere), or any status.
 */
type Target = { next: number } | { status: MembershipStatus };

function statusFor(target: Target, current: MemberModel | undefined): MembershipStatus {
  if ('status' in target) return target.status;
  const allowed = current ? STATUSES.filter((status) => canTransition(current.status, status)) : STATUSES;
  return allowed[target.next % allowed.length];
}
const describeTarget = (target: Target) => ('status' in target ? target.status : `next#${target.next}`);

beforeAll(async () => {
  service = await startTestApp({ RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_KEY: '0' });
  keys = await createTestKeys(service);
  await service.app.get(ApiKeysService).create('property-importer', 'admin', TEST_SETUP);
  db = service.app.get(DataSource);
  const rows: Array<{ code: string }> = await db.query(
    `SELECT code FROM participant p WHERE kind = 'COUNTRY'
        AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.participant_id = p.id) ORDER BY code`,
  );
  unused = rows.map((row) => row.code);
});
afterAll(() => service.close());

const dateAfter = (date: string, days: number) =>
  new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
const dateFor = (model: Model, member: number, days: number) => dateAfter(model.get(member)?.since ?? BASE_DATE, days);

/** 'ok', or the code of the first error. */
async function send(query: string, input: Record<string, unknown>, idempotencyKey?: string) {
  const headers = { ...bearer(keys.admin), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) };
  const response = await service.graphql(query, { input }, headers);
  const outcome = response.errors ? String(response.errors[0].extensions?.code) : 'ok';
  return { outcome, response };
}

/** Sends once, or twice with one Idempotency-Key: the retry must answer exactly as the first did. */
async function sendMaybeTwice(query: string, input: Record<string, unknown>, isRetried: boolean) {
  const key = isRetried ? `property-${(idempotencyKeys += 1)}` : undefined;
  const first = await send(query, input, key);
  if (isRetried) {
    const retry = await send(query, input, key);
    expect({ data: retry.response.data, errors: retry.response.errors }).toEqual({
      data: first.response.data,
      errors: first.response.errors,
    });
  }
  return first;
}

const INVITE = `mutation($input: RecordInvitationInput!) { recordInvitation(input: $input) { status version } }`;
const CHANGE = `mutation($input: ChangeMembershipStatusInput!) { changeMembershipStatus(input: $input) { status version } }`;
const COMMIT = `mutation($input: RecordCommitmentInput!) { recordCommitment(input: $input) { title } }`;
const SOURCE = { url: 'https://example.org/property', title: 'Property test' };

/** After every step: the registry holds exactly the model, and every membership keeps the ledger's invariants. */
async function agrees(model: Model, real: Real): Promise<void> {
  const records = await membershipRecords(db, SLUG, real.codes);
  real.codes.forEach((code, member) => {
    const expected = model.get(member);
    const record = records.get(code);
    if (!expected) {
      expect(record).toBeUndefined();
      return;
    }
    expect(record).toBeDefined();
    expect(brokenInvariants(record!)).toEqual([]);
    expect({ status: record!.status, version: record!.version, since: record!.statusSince }).toEqual({
      status: expected.status,
      version: expected.version,
      since: expected.since,
    });
    expect(record!.commitments).toEqual([...expected.commitments].sort());
    expect(record!.version).toBeGreaterThanOrEqual(real.versions[member]);
    real.versions[member] = record!.version;
  });
}

function applied(model: Model, member: number, status: MembershipStatus, since: string): void {
  const current = model.get(member);
  model.set(member, {
    status,
    since,
    version: (current?.version ?? 0) + 1,
    commitments: current?.commitments ?? new Set(),
  });
}

class Invite implements Command {
  constructor(
    readonly member: number,
    readonly days: number,
    readonly isRetried: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const current = model.get(this.member);
    const invitedOn = dateFor(model, this.member, this.days);
    const mayInvite = !current || (['DECLINED', 'WITHDRAWN'].includes(current.status) && invitedOn >= current.since);
    const { outcome } = await sendMaybeTwice(
      INVITE,
      { coalition: SLUG, participant: real.codes[this.member], invitedOn, source: SOURCE },
      this.isRetried,
    );
    expect(outcome).toBe(mayInvite ? 'ok' : 'BAD_USER_INPUT');
    if (mayInvite) applied(model, this.member, MembershipStatus.INVITED, invitedOn);
    await agrees(model, real);
  }
  toString = () => `invite(${this.member}, +${this.days}d${this.isRetried ? ', retried' : ''})`;
}

class ChangeStatus implements Command {
  constructor(
    readonly member: number,
    readonly target: Target,
    readonly days: number,
    readonly isStale: boolean,
    readonly isRetried: boolean,
    readonly mayBeAbsent: boolean,
  ) {}
  check = (model: Readonly<Model>) => this.mayBeAbsent || model.has(this.member);
  async run(model: Model, real: Real) {
    const current = model.get(this.member);
    const status = statusFor(this.target, current);
    const effectiveOn = dateFor(model, this.member, this.days);
    const expectedVersion = (current?.version ?? 1) - (this.isStale ? 1 : 0);
    const expected = !current
      ? 'NOT_FOUND'
      : this.isStale
        ? 'CONFLICT'
        : canTransition(current.status, status) && effectiveOn >= current.since
          ? 'ok'
          : 'BAD_USER_INPUT';
    const { outcome } = await sendMaybeTwice(
      CHANGE,
      {
        coalition: SLUG,
        participant: real.codes[this.member],
        status,
        effectiveOn,
        expectedVersion,
        source: SOURCE,
      },
      this.isRetried,
    );
    expect(outcome).toBe(expected);
    if (outcome === 'ok') applied(model, this.member, status, effectiveOn);
    await agrees(model, real);
  }
  toString = () =>
    `change(${this.member} -> ${describeTarget(this.target)}, +${this.days}d${this.isStale ? ', stale' : ''}${this.isRetried ? ', retried' : ''})`;
}

class RecordCommitment implements Command {
  constructor(
    readonly member: number,
    readonly title: string,
    readonly days: number,
    readonly mayBeAbsent: boolean,
  ) {}
  check = (model: Readonly<Model>) => this.mayBeAbsent || model.has(this.member);
  async run(model: Model, real: Real) {
    const current = model.get(this.member);
    const madeOn = dateFor(model, this.member, this.days);
    const expected =
      current?.status !== MembershipStatus.COMMITTED || madeOn < current.since
        ? 'BAD_USER_INPUT'
        : current.commitments.has(this.title)
          ? 'CONFLICT'
          : 'ok';
    const { outcome } = await send(COMMIT, {
      coalition: SLUG,
      participant: real.codes[this.member],
      title: this.title,
      madeOn,
      source: SOURCE,
    });
    expect(outcome).toBe(expected);
    if (outcome === 'ok') current!.commitments.add(this.title);
    await agrees(model, real);
  }
  toString = () => `commit(${this.member}, "${this.title}", +${this.days}d)`;
}

class Import implements Command {
  constructor(readonly rows: Array<{ member: number; target: Target; days: number }>) {}
  check = () => true;
  async run(model: Model, real: Real) {
    // All or nothing: the model applies every row, or none if one of them is refused.
    const next = new Map([...model].map(([member, state]) => [member, { ...state }]));
    let isValid = true;
    const rows = this.rows.map((row) => ({
      ...row,
      status: statusFor(row.target, model.get(row.member)),
      date: dateFor(model, row.member, row.days),
    }));
    // Rows name distinct members (a repeated one is the import's own refusal, tested elsewhere).
    for (const row of rows) {
      const current = next.get(row.member);
      if (!current) applied(next, row.member, row.status, row.date);
      else if (current.status === row.status) continue;
      else if (canTransition(current.status, row.status) && row.date >= current.since) {
        applied(next, row.member, row.status, row.date);
      } else isValid = false;
    }
    const report = await service.app.get(RosterImportService).importRoster({
      coalition: SLUG,
      keyName: 'property-importer',
      isDryRun: false,
      rows: rows.map((row, index) => ({
        line: index + 2,
        participant: real.codes[row.member],
        status: row.status,
        date: row.date,
        sourceUrl: SOURCE.url,
        sourceTitle: SOURCE.title,
        note: '',
      })),
    });
    expect(report.isApplied).toBe(isValid);
    if (isValid) {
      model.clear();
      for (const [member, state] of next) model.set(member, state);
    }
    await agrees(model, real);
  }
  toString = () =>
    `import(${this.rows.map((row) => `${row.member}:${describeTarget(row.target)}+${row.days}d`).join(', ')})`;
}

class ConcurrentChanges implements Command {
  constructor(
    readonly member: number,
    readonly targets: [Target, Target],
    readonly days: number,
    readonly mayBeAbsent: boolean,
  ) {}
  check = (model: Readonly<Model>) => this.mayBeAbsent || model.has(this.member);
  async run(model: Model, real: Real) {
    const current = model.get(this.member);
    const statuses = this.targets.map((target) => statusFor(target, current));
    const effectiveOn = dateFor(model, this.member, this.days);
    const input = (status: MembershipStatus) => ({
      coalition: SLUG,
      participant: real.codes[this.member],
      status,
      effectiveOn,
      expectedVersion: current?.version ?? 1,
      source: SOURCE,
    });
    const outcomes = await Promise.all(statuses.map((status) => send(CHANGE, input(status))));
    if (!current) {
      expect(outcomes.map((sent) => sent.outcome)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    } else {
      const isValid = (status: MembershipStatus) =>
        canTransition(current.status, status) && effectiveOn >= current.since;
      const winners = outcomes.filter((sent) => sent.outcome === 'ok');
      expect(winners).toHaveLength(statuses.some(isValid) ? 1 : 0);
      for (const loser of outcomes.filter((sent) => sent.outcome !== 'ok')) {
        expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(loser.outcome);
      }
      const [winner] = winners;
      if (winner) applied(model, this.member, winner.response.data!.changeMembershipStatus.status, effectiveOn);
    }
    await agrees(model, real);
  }
  toString = () => `concurrently(${this.member} -> ${this.targets.map(describeTarget).join(' | ')}, +${this.days}d)`;
}

const member = fc.integer({ min: 0, max: MEMBERS_PER_RUN - 1 });
const target: fc.Arbitrary<Target> = fc.oneof(
  { weight: 3, arbitrary: fc.nat(3).map((next) => ({ next })) },
  { weight: 1, arbitrary: fc.constantFrom(...STATUSES).map((status) => ({ status })) },
);
/** Mostly forward in time, sometimes a little before the current status (which must be refused). */
const days = fc.integer({ min: -2, max: 20 });
/** True now and then: a stale expectedVersion, a command on a member not invited yet. */
const sometimes = fc.integer({ min: 0, max: 5 }).map((draw) => draw === 0);

const commands = [
  fc.tuple(member, days, fc.boolean()).map(([m, d, retried]) => new Invite(m, d, retried)),
  fc
    .tuple(member, target, days, sometimes, fc.boolean(), sometimes)
    .map(([m, s, d, stale, retried, absent]) => new ChangeStatus(m, s, d, stale, retried, absent)),
  fc
    .tuple(member, fc.constantFrom(...TITLES), fc.integer({ min: -3, max: 10 }), sometimes)
    .map(([m, t, d, absent]) => new RecordCommitment(m, t, d, absent)),
  fc
    .uniqueArray(fc.record({ member, target, days: fc.integer({ min: 0, max: 20 }) }), {
      minLength: 1,
      maxLength: MEMBERS_PER_RUN,
      selector: (row) => row.member,
    })
    .map((rows) => new Import(rows)),
  fc
    .tuple(member, target, target, days, sometimes)
    .map(([m, a, b, d, absent]) => new ConcurrentChanges(m, [a, b], d, absent)),
];

describe('every writer of memberships, against a model', () => {
  it('leaves every seeded membership with a history that replays, one version and one audit entry per change', async () => {
    const codes: Array<{ code: string }> = await db.query(
      `SELECT p.code FROM membership m JOIN participant p ON p.id = m.participant_id`,
    );
    const records = await membershipRecords(
      db,
      SLUG,
      codes.map((row) => row.code),
    );
    expect(records.size).toBeGreaterThan(20);
    for (const record of records.values())
      expect({ [record.code]: brokenInvariants(record) }).toEqual({ [record.code]: [] });
  });

  it('keeps history, versions, audit and acknowledged writes consistent after every step of random sequences', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: MAX_COMMANDS, size: 'max' }), async (sequence) => {
        const codes = unused.slice(run * MEMBERS_PER_RUN, (run + 1) * MEMBERS_PER_RUN);
        run += 1;
        if (codes.length < MEMBERS_PER_RUN)
          throw new Error('the property ran out of participants that are not members');
        await fc.asyncModelRun(() => ({ model: new Map(), real: { codes, versions: codes.map(() => 0) } }), sequence);
      }),
      // A failure stops at once (no shrinking): every run needs participants of its own.
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(run).toBe(RUNS);
  }, 240_000);
});
