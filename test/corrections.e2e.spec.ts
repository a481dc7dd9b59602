import { DataSource } from 'typeorm';
import { systemActor } from '../src/audit/actor.js';
import { AuditedWriteService } from '../src/audit/audited-write.service.js';
import { MembershipLedger } from '../src/memberships/membership-ledger.js';
import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import { brokenInvariants, membershipRecords } from './support/membership-records.js';
import {
  createTestDatabase,
  noticesHeardBy,
  startTestApp,
  untilHeardBy,
  type GraphqlResponse,
  type TestApp,
} from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let first: TestApp;
let second: TestApp;
let keys: TestKeys;

/** Two instances on one database: a write through the first must clear the second's cache. */
beforeAll(async () => {
  database = await createTestDatabase();
  first = await startTestApp({}, database);
  second = await startTestApp({}, database);
  keys = await createTestKeys(first);
});
afterAll(async () => {
  await first.close();
  await second.close();
  await database.drop();
});

/** Countries no seed fact names: each test takes its own, so tests do not depend on each other. */
const FREE = ['NO', 'SE', 'FI', 'DK', 'IS', 'PT', 'CL', 'UY', 'AT', 'CH', 'IE', 'NZ', 'KE', 'NG', 'ZA', 'TH'];
const FREE_MORE = ['VN', 'PL', 'CZ', 'HU', 'RO', 'GR', 'TR', 'SG', 'MY', 'PH', 'KZ', 'UA', 'SK', 'SI', 'HR', 'EE'];
const FREE_LAST = ['LT', 'LV', 'LU', 'MT', 'CY', 'BG', 'RS', 'AL', 'MK', 'BA', 'ME', 'MD', 'GE', 'AM', 'AZ', 'UZ'];
const unused = [...FREE, ...FREE_MORE, ...FREE_LAST];
const used: string[] = [];
const nextCode = () => {
  const code = unused.shift()!;
  used.push(code);
  return code;
};

const SOURCE = `{ url: "https://example.org/corrections", title: "Correction notice" }`;
const EVENT = `id status effectiveOn recordedBy note sources { url } retraction { by reason sources { url } } correctionOf { id status effectiveOn retraction { reason } }`;
const MEMBERSHIP = `status statusSince invitedOn version isParticipating history { ${EVENT} } all: history(includeRetracted: true) { ${EVENT} }`;

type Event = { id: string; status: string; effectiveOn: string; retraction: { reason: string } | null };
type Membership = { status: string; statusSince: string; version: number; history: Event[]; all: Event[] };

function admin(query: string, variables: Record<string, unknown> = {}) {
  return first.graphql(query, variables, bearer(keys.admin));
}

async function membership(code: string): Promise<Membership> {
  const { data } = await first.graphql(
    `{ membership(coalition: "${SLUG}", participant: "${code}") { ${MEMBERSHIP} } }`,
  );
  return data!.membership;
}

/** A membership of `code` walked through `steps` (INVITED first), each a [status, date]. */
async function walk(code: string, steps: Array<[string, string]>): Promise<Membership> {
  const [[, invitedOn], ...rest] = steps;
  const invited = await admin(
    `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "${code}", invitedOn: "${invitedOn}" }) { version } }`,
  );
  expect(invited.errors).toBeUndefined();
  let version = invited.data!.recordInvitation.version;
  for (const [status, date] of rest) {
    const changed = await admin(
      `mutation { changeMembershipStatus(input: { coalition: "${SLUG}", participant: "${code}", status: ${status},
         effectiveOn: "${date}", expectedVersion: ${version}, source: ${SOURCE} }) { version } }`,
    );
    expect(changed.errors).toBeUndefined();
    version = changed.data!.changeMembershipStatus.version;
  }
  return membership(code);
}

function retract(
  id: string,
  expectedVersion: number,
  reason = 'No source supports this event',
  headers = bearer(keys.admin),
) {
  return first.graphql(
    `mutation($id: ID!, $v: Int!, $r: String!) { retractMembershipEvent(input: { id: $id, expectedVersion: $v, reason: $r,
       source: { url: "https://example.org/retraction", title: "Why withdrawn" } }) { ${MEMBERSHIP} } }`,
    { id, v: expectedVersion, r: reason },
    headers,
  );
}

function correct(input: Record<string, unknown>, headers = bearer(keys.admin)) {
  return first.graphql(
    `mutation($input: CorrectMembershipEventInput!) { correctMembershipEvent(input: $input) { ${MEMBERSHIP} } }`,
    {
      input: {
        reason: 'The source gives another date',
        source: { url: 'https://example.org/c2', title: 'Better source' },
        ...input,
      },
    },
    headers,
  );
}

async function committedOn(date: string): Promise<number> {
  const { data } = await first.graphql(`{ coalition(slug: "${SLUG}") { stats(asOf: "${date}") { committed } } }`);
  return data!.coalition.stats.committed;
}

async function committedInTimeline(from: string, to: string): Promise<number[]> {
  const { data } = await first.graphql(
    `{ coalition(slug: "${SLUG}") { timeline(interval: MONTH, from: "${from}", to: "${to}") { byStatus { status count } } } }`,
  );
  return data!.coalition.timeline.map(
    (period: { byStatus: Array<{ status: string; count: number }> }) =>
      period.byStatus.find((entry) => entry.status === 'COMMITTED')!.count,
  );
}

async function auditCount(): Promise<number> {
  const [row] = await first.app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_entry`);
  return row.n;
}

async function lastAudit(): Promise<{ operation: string; actor: string; before: any; after: any }> {
  const { data } = await admin(`{ auditLog(first: 1) { nodes { operation actor before after } } }`);
  return data!.auditLog.nodes[0];
}

describe('retractMembershipEvent', () => {
  it('withdraws an event: status, statusSince, stats(asOf:) and the timeline follow the standing events', async () => {
    const code = nextCode();
    const walked = await walk(code, [
      ['INVITED', '2024-01-10'],
      ['COMMITTED', '2024-02-01'],
      ['WITHDRAWN', '2024-05-01'],
    ]);
    const withdrawal = walked.history[2]!;
    const committedInJune = await committedOn('2024-06-15');
    const timeline = await committedInTimeline('2024-04-01', '2024-06-30');

    const { data, errors } = await retract(withdrawal.id, walked.version, 'The withdrawal was a different country');
    expect(errors).toBeUndefined();
    const after: Membership = data!.retractMembershipEvent;
    expect(after).toMatchObject({ status: 'COMMITTED', statusSince: '2024-02-01', isParticipating: true });
    expect(after.version).toBe(walked.version + 1);
    expect(after.history.map((event) => event.status)).toEqual(['INVITED', 'COMMITTED']);
    expect(after.all.map((event) => [event.status, event.retraction?.reason ?? null])).toEqual([
      ['INVITED', null],
      ['COMMITTED', null],
      ['WITHDRAWN', 'The withdrawal was a different country'],
    ]);
    expect(after.all[2]).toMatchObject({
      retraction: { by: 'test-admin', sources: [{ url: 'https://example.org/retraction' }] },
    });
    expect(await committedOn('2024-06-15')).toBe(committedInJune + 1);
    expect(await committedInTimeline('2024-04-01', '2024-06-30')).toEqual([
      timeline[0],
      timeline[1]! + 1,
      timeline[2]! + 1,
    ]);
    expect(await membership(code)).toEqual(after);
  });

  it('refuses a retraction that breaks the state machine, naming the event, and changes nothing', async () => {
    const code = nextCode();
    const walked = await walk(code, [
      ['INVITED', '2024-01-10'],
      ['COMMITTED', '2024-02-01'],
      ['WITHDRAWN', '2024-05-01'],
    ]);
    const audits = await auditCount();
    const { errors } = await retract(walked.history[1]!.id, walked.version);
    expect(errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'id',
      event: walked.history[2]!.id,
    });
    expect(errors![0].message).toMatch(/from INVITED to WITHDRAWN/);
    expect(await membership(code)).toEqual(walked);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses to retract the only standing event, and an event already retracted', async () => {
    const code = nextCode();
    const walked = await walk(code, [
      ['INVITED', '2024-01-10'],
      ['DECLINED', '2024-02-01'],
    ]);
    const only = await retract(walked.history[0]!.id, walked.version);
    expect(only.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', event: walked.history[1]!.id });
    const retracted = await retract(walked.history[1]!.id, walked.version);
    expect(retracted.errors).toBeUndefined();
    const again = await retract(walked.history[1]!.id, walked.version + 1);
    expect(again.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(again.errors![0].message).toMatch(/already retracted/);
    const last = await retract(walked.history[0]!.id, walked.version + 1);
    expect(last.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(last.errors![0].message).toMatch(/no standing event/);
  });
});

describe('correctMembershipEvent', () => {
  it('replaces an event by a corrected one: the old one stays, retracted with the reason', async () => {
    const code = nextCode();
    const walked = await walk(code, [
      ['INVITED', '2024-01-10'],
      ['COMMITTED', '2024-03-01'],
    ]);
    const commitment = walked.history[1]!;
    const committedInFebruary = await committedOn('2024-02-15');
    const timeline = await committedInTimeline('2024-01-01', '2024-03-31');

    const { data, errors } = await correct({
      id: commitment.id,
      expectedVersion: walked.version,
      effectiveOn: '2024-02-01',
      note: 'signed at the February meeting',
    });
    expect(errors).toBeUndefined();
    const after: Membership = data!.correctMembershipEvent;
    expect(after).toMatchObject({ status: 'COMMITTED', statusSince: '2024-02-01', version: walked.version + 1 });
    expect(after.history.map((event) => [event.status, event.effectiveOn])).toEqual([
      ['INVITED', '2024-01-10'],
      ['COMMITTED', '2024-02-01'],
    ]);
    expect(after.history[1]).toMatchObject({
      note: 'signed at the February meeting',
      recordedBy: 'test-admin',
      sources: [{ url: 'https://example.org/c2' }],
      retraction: null,
      correctionOf: {
        id: commitment.id,
        effectiveOn: '2024-03-01',
        retraction: { reason: 'The source gives another date' },
      },
    });
    expect(after.all.map((event) => [event.status, event.effectiveOn, event.retraction?.reason ?? null])).toEqual([
      ['INVITED', '2024-01-10', null],
      ['COMMITTED', '2024-02-01', null],
      ['COMMITTED', '2024-03-01', 'The source gives another date'],
    ]);
    expect(after.all[2]).toMatchObject({ retraction: { sources: [{ url: 'https://example.org/c2' }] } });
    expect(await committedOn('2024-02-15')).toBe(committedInFebruary + 1);
    const { data: then } = await first.graphql(
      `{ membership(coalition: "${SLUG}", participant: "${code}", asOf: "2024-02-15") { status statusSince } }`,
    );
    expect(then!.membership).toEqual({ status: 'COMMITTED', statusSince: '2024-02-01' });
    expect(await committedInTimeline('2024-01-01', '2024-03-31')).toEqual([timeline[0], timeline[1]! + 1, timeline[2]]);
  });

  it('corrects a status, and keeps a same-day event in its place', async () => {
    const code = nextCode();
    const walked = await walk(code, [
      ['INVITED', '2024-04-01'],
      ['COMMITTED', '2024-04-01'],
    ]);
    const invitation = await correct({ id: walked.history[0]!.id, expectedVersion: walked.version, note: 'by letter' });
    expect(invitation.errors).toBeUndefined();
    const noted: Membership = invitation.data!.correctMembershipEvent;
    expect(noted.history.map((event) => event.status)).toEqual(['INVITED', 'COMMITTED']);
    const declined = await correct({ id: noted.history[1]!.id, expectedVersion: noted.version, status: 'DECLINED' });
    expect(declined.errors).toBeUndefined();
    expect(declined.data!.correctMembershipEvent).toMatchObject({ status: 'DECLINED', isParticipating: false });
  });

  it.each([
    ['a status the state machine forbids', 1, { status: 'WITHDRAWN' }, 'status', /from INVITED to WITHDRAWN/],
    ['a date before the event it follows', 1, { effectiveOn: '2024-01-01' }, 'effectiveOn', /would precede/],
    ['a date after the event that follows it', 0, { effectiveOn: '2024-04-01' }, 'effectiveOn', /would precede/],
  ])('refuses %s, naming the event, and changes nothing', async (_case, target, change, argument, message) => {
    const code = nextCode();
    const walked = await walk(code, [
      ['INVITED', '2024-02-01'],
      ['COMMITTED', '2024-03-01'],
    ]);
    const audits = await auditCount();
    const { errors } = await correct({ id: walked.history[target]!.id, expectedVersion: walked.version, ...change });
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    const event = String(errors![0].extensions!.event);
    expect(walked.history.map((each) => each.id)).toContain(event);
    expect(errors![0].message).toContain(event);
    expect(errors![0].message).toMatch(message);
    expect(await membership(code)).toEqual(walked);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses a correction that changes nothing, a date in the future, and one without a source', async () => {
    const code = nextCode();
    const walked = await walk(code, [['INVITED', '2024-02-01']]);
    const id = walked.history[0]!.id;
    const same = await correct({ id, expectedVersion: walked.version });
    expect(same.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    const future = await correct({ id, expectedVersion: walked.version, effectiveOn: '2999-01-01' });
    expect(future.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'effectiveOn' });
    const noSource = await admin(
      `mutation { correctMembershipEvent(input: { id: "${id}", reason: "x", expectedVersion: ${walked.version}, note: "y" }) { status } }`,
    );
    expect(noSource.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(await membership(code)).toEqual(walked);
  });

  it('refuses a precision a membership event cannot have, naming effectiveOnPrecision, and changes nothing', async () => {
    const code = nextCode();
    const walked = await walk(code, [['INVITED', '2024-02-01']]);
    const { errors } = await correct({
      id: walked.history[0]!.id,
      expectedVersion: walked.version,
      effectiveOn: '2024-01-01',
      effectiveOnPrecision: 'ON_OR_AFTER',
    });
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'effectiveOnPrecision' });
    expect(errors![0].message).toBe('effectiveOnPrecision must be DAY or MONTH for a membership event');
    expect(await membership(code)).toEqual(walked);
  });

  it('is a ledger method a dataset revision calls as a system actor: an attested first event moved earlier', async () => {
    // NL's first event is revision 2's own correction already; BE's is still revision 1's.
    const before = await membership('BE');
    const [event] = before.history;
    const ledger = first.app.get(MembershipLedger);
    const outcome = await first.app.get(AuditedWriteService).run(systemActor('dataset:r2'), (tx) =>
      ledger.correct(tx, {
        eventId: event!.id,
        reason: 'An earlier source attests the membership',
        effectiveOn: '2023-07-07',
        sources: [{ url: 'https://example.org/earlier-statement', title: 'Statement at the launch' }],
        operation: 'datasetRevision',
      }),
    );
    expect(outcome.after).toMatchObject({ status: 'COMMITTED', statusSince: '2023-07-07' });
    const after = await membership('BE');
    expect(after.statusSince).toBe('2023-07-07');
    expect(after.history).toHaveLength(before.history.length);
    expect(after.history[0]).toMatchObject({ effectiveOn: '2023-07-07', recordedBy: 'dataset:r2' });
    expect(after.all.find((each) => each.id === event!.id)).toMatchObject({
      retraction: { by: 'dataset:r2', reason: 'An earlier source attests the membership' },
    });
    expect(await lastAudit()).toMatchObject({ operation: 'datasetRevision', actor: 'dataset:r2' });
  });
});

describe('a correction and the commitments made under the membership', () => {
  /** `code` walked to COMMITTED on 2024-02-01, with a standing commitment made on 2024-03-01. */
  async function committedWithPledge(
    code: string,
  ): Promise<{ walked: Membership; pledge: { id: string; version: number } }> {
    const walked = await walk(code, [
      ['INVITED', '2024-01-10'],
      ['COMMITTED', '2024-02-01'],
    ]);
    const { data, errors } = await admin(
      `mutation { recordCommitment(input: { coalition: "${SLUG}", participant: "${code}", title: "Pledge of ${code}",
         madeOn: "2024-03-01", source: ${SOURCE} }) { id version } }`,
    );
    expect(errors).toBeUndefined();
    return { walked, pledge: data!.recordCommitment };
  }

  it('refuses to retract the COMMITTED event of a member with a standing commitment, naming the event, and changes nothing', async () => {
    const code = nextCode();
    const { walked, pledge } = await committedWithPledge(code);
    const committed = walked.history[1]!;
    const audits = await auditCount();
    const { errors } = await retract(committed.id, walked.version);
    expect(errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'id',
      event: committed.id,
      commitment: pledge.id,
    });
    expect(errors![0].message).toMatch(/retract the commitment first/);
    expect(await membership(code)).toEqual(walked);
    expect(await auditCount()).toBe(audits);

    expect((await retractCommitment(pledge.id, pledge.version)).errors).toBeUndefined();
    const retracted = await retract(committed.id, walked.version);
    expect(retracted.errors).toBeUndefined();
    expect(retracted.data!.retractMembershipEvent).toMatchObject({ status: 'INVITED', version: walked.version + 1 });
  });

  it("refuses to move the COMMITTED date after a commitment's madeOn, and accepts it once the commitment is retracted", async () => {
    const code = nextCode();
    const { walked, pledge } = await committedWithPledge(code);
    const committed = walked.history[1]!;
    const audits = await auditCount();
    const later = await correct({ id: committed.id, expectedVersion: walked.version, effectiveOn: '2024-04-01' });
    expect(later.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'effectiveOn',
      event: committed.id,
    });
    expect(later.errors![0].message).toMatch(/Pledge of .* \(made on 2024-03-01\)/);
    expect(await membership(code)).toEqual(walked);
    expect(await auditCount()).toBe(audits);

    expect((await retractCommitment(pledge.id, pledge.version)).errors).toBeUndefined();
    const accepted = await correct({ id: committed.id, expectedVersion: walked.version, effectiveOn: '2024-04-01' });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.correctMembershipEvent).toMatchObject({ status: 'COMMITTED', statusSince: '2024-04-01' });
  });

  it('accepts a COMMITTED date moved earlier or still before the commitment', async () => {
    const code = nextCode();
    const { walked } = await committedWithPledge(code);
    const moved = await correct({
      id: walked.history[1]!.id,
      expectedVersion: walked.version,
      effectiveOn: '2024-03-01',
    });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.correctMembershipEvent).toMatchObject({ status: 'COMMITTED', statusSince: '2024-03-01' });
  });
});

describe('retractCommitment', () => {
  it('takes a commitment out of the lists; it stays readable by id with its retraction', async () => {
    const recorded = await recordCommitment('Retracted pledge');
    const { data, errors } = await retractCommitment(recorded.id, recorded.version, 'Announced by another country');
    expect(errors).toBeUndefined();
    expect(data!.retractCommitment).toMatchObject({
      id: recorded.id,
      version: recorded.version + 1,
      retraction: {
        by: 'test-admin',
        reason: 'Announced by another country',
        sources: [{ url: 'https://example.org/retraction' }],
      },
    });
    expect(await commitmentTitles()).not.toContain('Retracted pledge');
    const byId = await first.graphql(`{ commitment(id: "${recorded.id}") { title retraction { reason } } }`);
    expect(byId.data!.commitment).toEqual({
      title: 'Retracted pledge',
      retraction: { reason: 'Announced by another country' },
    });
    const moved = await admin(
      `mutation { updateCommitmentStatus(input: { id: "${recorded.id}", status: FULFILLED, expectedVersion: ${recorded.version + 1},
         source: ${SOURCE} }) { status } }`,
    );
    expect(moved.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });

  it('reads a standing commitment by id with no retraction, and null for an unknown id', async () => {
    const recorded = await recordCommitment('Standing pledge');
    const byId = await first.graphql(`{ commitment(id: "${recorded.id}") { title retraction { reason } } }`);
    expect(byId.data!.commitment).toEqual({ title: 'Standing pledge', retraction: null });
    const unknown = await first.graphql(`{ commitment(id: "00000000-0000-4000-8000-000000000000") { title } }`);
    expect(unknown.data!.commitment).toBeNull();
    const bad = await first.graphql(`{ commitment(id: "nope") { title } }`);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });
});

async function recordCommitment(title: string): Promise<{ id: string; version: number }> {
  const { data, errors } = await admin(
    `mutation($t: String!) { recordCommitment(input: { coalition: "${SLUG}", participant: "DE", title: $t, madeOn: "2024-10-01",
       source: ${SOURCE} }) { id version } }`,
    { t: title },
  );
  expect(errors).toBeUndefined();
  return data!.recordCommitment;
}

function retractCommitment(id: string, expectedVersion: number, reason = 'Never made', headers = bearer(keys.admin)) {
  return first.graphql(
    `mutation($id: ID!, $v: Int!, $r: String!) { retractCommitment(input: { id: $id, expectedVersion: $v, reason: $r,
       source: { url: "https://example.org/retraction", title: "Why withdrawn" } }) {
         id version retraction { by reason sources { url } } } }`,
    { id, v: expectedVersion, r: reason },
    headers,
  );
}

async function commitmentTitles(): Promise<string[]> {
  const { data } = await first.graphql(
    `{ membership(coalition: "${SLUG}", participant: "DE") { commitments(first: 100) { title } } }`,
  );
  return data!.membership.commitments.map((commitment: { title: string }) => commitment.title);
}

/**
 * What every mutation of this file must do alike. `prepare` makes a fresh fact to change and says
 * how to send the mutation, its id and version, and the public read (on the second instance) the
 * mutation changes.
 */
interface Case {
  operation: string;
  prepare(): Promise<{ id: string; version: number; read: string; extra?: Record<string, unknown> }>;
  send(
    id: string,
    version: number,
    headers: Record<string, string>,
    overrides?: Record<string, unknown>,
  ): Promise<GraphqlResponse>;
}

const membershipRead = (code: string) =>
  `{ membership(coalition: "${SLUG}", participant: "${code}") { status statusSince } }`;

let pledges = 0;
const CASES: Case[] = [
  {
    operation: 'retractMembershipEvent',
    async prepare() {
      const code = nextCode();
      const walked = await walk(code, [
        ['INVITED', '2024-01-10'],
        ['COMMITTED', '2024-02-01'],
      ]);
      return { id: walked.history[1]!.id, version: walked.version, read: membershipRead(code) };
    },
    send: (id, version, headers, overrides = {}) =>
      first.graphql(
        `mutation($input: RetractMembershipEventInput!) { retractMembershipEvent(input: $input) { status } }`,
        { input: { id, expectedVersion: version, reason: 'Not what the source says', ...overrides } },
        headers,
      ),
  },
  {
    operation: 'correctMembershipEvent',
    async prepare() {
      const code = nextCode();
      const walked = await walk(code, [
        ['INVITED', '2024-01-10'],
        ['COMMITTED', '2024-02-01'],
      ]);
      return { id: walked.history[1]!.id, version: walked.version, read: membershipRead(code) };
    },
    send: (id, version, headers, overrides = {}) =>
      first.graphql(
        `mutation($input: CorrectMembershipEventInput!) { correctMembershipEvent(input: $input) { status } }`,
        {
          input: {
            id,
            expectedVersion: version,
            reason: 'A better source',
            effectiveOn: '2024-01-20',
            source: { url: 'https://example.org/better', title: 'Better' },
            ...overrides,
          },
        },
        headers,
      ),
  },
  {
    operation: 'retractCommitment',
    async prepare() {
      const recorded = await recordCommitment(`Pledge ${++pledges}`);
      return {
        id: recorded.id,
        version: recorded.version,
        read: `{ membership(coalition: "${SLUG}", participant: "DE") { commitments(first: 100) { id } } }`,
      };
    },
    send: (id, version, headers, overrides = {}) =>
      first.graphql(
        `mutation($input: RetractCommitmentInput!) { retractCommitment(input: $input) { id } }`,
        { input: { id, expectedVersion: version, reason: 'Never made', ...overrides } },
        headers,
      ),
  },
];

describe.each(CASES)('$operation', ({ operation, prepare, send }) => {
  it('refuses a viewer key and an anonymous caller, and changes nothing', async () => {
    const fact = await prepare();
    const audits = await auditCount();
    expect((await send(fact.id, fact.version, bearer(keys.viewer))).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await send(fact.id, fact.version, {})).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(await auditCount()).toBe(audits);
  });

  it('answers CONFLICT to a stale expectedVersion', async () => {
    const fact = await prepare();
    const { errors } = await send(fact.id, fact.version - 1, bearer(keys.admin));
    expect(errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: fact.version });
  });

  it.each([
    ['id', { id: 'not-an-id' }],
    ['reason', { reason: '   ' }],
    ['reason', { reason: 'x'.repeat(2001) }],
    ['source.url', { source: { url: 'ftp://example.org/x', title: 'Bad address' } }],
  ])('refuses bad input with BAD_USER_INPUT naming %s', async (argument, overrides) => {
    const fact = await prepare();
    const { errors } = await send(fact.id, fact.version, bearer(keys.admin), overrides);
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('says NOT_FOUND for an id nothing has', async () => {
    const fact = await prepare();
    const { errors } = await send('00000000-0000-4000-8000-000000000000', fact.version, bearer(keys.admin));
    expect(errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'id' });
  });

  it('writes one audit entry with the data before and after', async () => {
    const fact = await prepare();
    const audits = await auditCount();
    expect((await send(fact.id, fact.version, bearer(keys.admin))).errors).toBeUndefined();
    expect(await auditCount()).toBe(audits + 1);
    const { data } = await admin(`{ auditLog(first: 2) { nodes { operation actor before after } } }`);
    const [entry, previous] = data!.auditLog.nodes;
    expect(entry).toMatchObject({ operation, actor: 'test-admin' });
    expect(entry.before.version).toBe(fact.version);
    expect(entry.after.version).toBe(fact.version + 1);
    // The audit's chain: this entry's before is the fact as the previous write left it.
    expect(entry.before).toEqual(previous.after);
  });

  it('answers a retry with the same Idempotency-Key as the first time, and writes once', async () => {
    const fact = await prepare();
    const audits = await auditCount();
    const retried = { ...bearer(keys.admin), 'idempotency-key': `corrections-${operation}` };
    const once = await send(fact.id, fact.version, retried);
    expect(once.errors).toBeUndefined();
    expect(await send(fact.id, fact.version, retried)).toEqual(once);
    expect(await auditCount()).toBe(audits + 1);
  });

  it('clears the response cache of every instance', async () => {
    const fact = await prepare();
    const read = async () => {
      const response = await fetch(`${second.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: fact.read }),
      });
      return { cache: response.headers.get('x-cache'), data: ((await response.json()) as { data: unknown }).data };
    };
    // The notice of the set-up's own writes reaches the second instance when it does: read until cached.
    let cached = await read();
    for (let attempt = 0; cached.cache !== 'hit' && attempt < 50; attempt += 1) cached = await read();
    expect(cached.cache).toBe('hit');
    const heard = noticesHeardBy(second);
    expect((await send(fact.id, fact.version, bearer(keys.admin))).errors).toBeUndefined();
    await untilHeardBy(second, heard);
    const after = await read();
    expect(after.cache).toBe('miss');
    expect(after.data).not.toEqual(cached.data);
  });
});

describe("the ledger's invariants", () => {
  it('hold for every membership this file retracted or corrected, and for the seed', async () => {
    const records = await membershipRecords(first.app.get(DataSource), SLUG, [...used, 'NL', 'DE']);
    expect(records.size).toBe(used.length + 2);
    for (const record of records.values())
      expect({ [record.code]: brokenInvariants(record) }).toEqual({ [record.code]: [] });
  });
});
