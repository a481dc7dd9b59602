import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { today } from '../src/common/calendar-date.js';
import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
let service: TestApp;
let keys: TestKeys;

beforeAll(async () => {
  service = await startTestApp();
  keys = await createTestKeys(service);
});
afterAll(async () => {
  await service.close();
});

const MEMBERSHIP = `status statusSince invitedOn version isParticipating history { status effectiveOn recordedBy note sources { url title } }`;

function invite(participant: string, invitedOn: string, headers: Record<string, string> = {}) {
  return service.graphql(
    `mutation($p: String!, $d: Date!) { recordInvitation(input: { coalition: "${SLUG}", participant: $p, invitedOn: $d,
       source: { url: "https://example.org/invitations", title: "Invitation list" }, note: "invited" }) { ${MEMBERSHIP} } }`,
    { p: participant, d: invitedOn },
    { ...bearer(keys.admin), ...headers },
  );
}

function change(
  participant: string,
  status: string,
  effectiveOn: string,
  expectedVersion: number,
  url = 'https://example.org/status',
) {
  return service.graphql(
    `mutation($p: String!, $s: MembershipStatus!, $d: Date!, $v: Int!, $u: String) {
       changeMembershipStatus(input: { coalition: "${SLUG}", participant: $p, status: $s, effectiveOn: $d, expectedVersion: $v,
         source: { url: $u, title: "Status report" } }) { ${MEMBERSHIP} } }`,
    { p: participant, s: status, d: effectiveOn, v: expectedVersion, u: url },
    bearer(keys.admin),
  );
}

async function current(participant: string) {
  const { data } = await service.graphql(
    `{ membership(coalition: "${SLUG}", participant: "${participant}") { ${MEMBERSHIP} } }`,
  );
  return data!.membership;
}

async function auditCount(): Promise<number> {
  const [row] = await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_entry`);
  return row.n;
}

describe('the membership state machine over the API', () => {
  it('walks every allowed transition: invite, commit, withdraw, re-invite, decline, re-invite', async () => {
    const invited = await invite('NO', '2024-01-10');
    expect(invited.errors).toBeUndefined();
    expect(invited.data!.recordInvitation).toMatchObject({
      status: 'INVITED',
      invitedOn: '2024-01-10',
      version: 1,
      isParticipating: false,
    });
    expect((await change('NO', 'COMMITTED', '2024-02-01', 1)).data!.changeMembershipStatus).toMatchObject({
      status: 'COMMITTED',
      version: 2,
      isParticipating: true,
    });
    expect((await change('NO', 'WITHDRAWN', '2024-06-01', 2)).data!.changeMembershipStatus).toMatchObject({
      status: 'WITHDRAWN',
      version: 3,
    });
    expect((await invite('NO', '2024-07-01')).data!.recordInvitation).toMatchObject({ status: 'INVITED', version: 4 });
    expect((await change('NO', 'DECLINED', '2024-08-01', 4)).data!.changeMembershipStatus).toMatchObject({
      status: 'DECLINED',
      version: 5,
    });
    expect((await change('NO', 'INVITED', '2024-09-01', 5)).data!.changeMembershipStatus).toMatchObject({
      status: 'INVITED',
      version: 6,
    });
    const history = (await current('NO')).history;
    expect(history.map((event: { status: string }) => event.status)).toEqual([
      'INVITED',
      'COMMITTED',
      'WITHDRAWN',
      'INVITED',
      'DECLINED',
      'INVITED',
    ]);
    expect(history.every((event: { recordedBy: string }) => event.recordedBy === 'test-admin')).toBe(true);
    expect(history[1].sources).toEqual([{ url: 'https://example.org/status', title: 'Status report' }]);
  });

  it.each([
    ['INVITED', 'WITHDRAWN'],
    ['INVITED', 'INVITED'],
    ['COMMITTED', 'DECLINED'],
    ['COMMITTED', 'INVITED'],
    ['COMMITTED', 'COMMITTED'],
    ['DECLINED', 'COMMITTED'],
    ['DECLINED', 'WITHDRAWN'],
    ['WITHDRAWN', 'COMMITTED'],
    ['WITHDRAWN', 'DECLINED'],
  ])('refuses %s -> %s with BAD_USER_INPUT naming both, and changes nothing', async (from, to) => {
    const code = { INVITED: 'SE', COMMITTED: 'FI', DECLINED: 'DK', WITHDRAWN: 'IS' }[from]!;
    let state = await current(code);
    if (!state) {
      await invite(code, '2024-01-01');
      if (from !== 'INVITED') {
        await change(code, from === 'DECLINED' ? 'DECLINED' : 'COMMITTED', '2024-01-02', 1);
        if (from === 'WITHDRAWN') await change(code, 'WITHDRAWN', '2024-01-03', 2);
      }
      state = await current(code);
    }
    const audits = await auditCount();
    const { errors } = await change(code, to, '2024-03-01', state.version);
    expect(errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0].message).toContain(`from ${from} to ${to}`);
    expect(await current(code)).toEqual(state);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses re-inviting a committed member', async () => {
    const { errors } = await invite('JP', '2024-01-01');
    expect(errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(errors![0].message).toContain('from COMMITTED to INVITED');
  });

  it('says NOT_FOUND when changing a membership that does not exist, or an unknown participant', async () => {
    expect((await change('NZ', 'COMMITTED', '2024-01-01', 1)).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await invite('QQ', '2024-01-01')).errors![0].extensions!.code).toBe('NOT_FOUND');
  });
});

describe('dates', () => {
  it('refuses an effective date before the previous event', async () => {
    await invite('PT', '2024-03-01');
    const { errors } = await change('PT', 'COMMITTED', '2024-02-28', 1);
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'effectiveOn' });
    expect(errors![0].message).toMatch(/cannot precede the previous event, dated 2024-03-01/);
  });

  it('refuses a date in the future', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const { errors } = await invite('CL', tomorrow);
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invitedOn' });
    expect((await invite('CL', today())).errors).toBeUndefined();
  });

  it('requires a source on a status change, with an http(s) url', async () => {
    await invite('UY', '2024-01-01');
    const { errors } = await change('UY', 'COMMITTED', '2024-02-01', 1, 'ftp://example.org/x');
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'source.url' });
    const missing = await service.graphql(
      `mutation { changeMembershipStatus(input: { coalition: "${SLUG}", participant: "UY", status: COMMITTED, effectiveOn: "2024-02-01", expectedVersion: 1 }) { status } }`,
      {},
      bearer(keys.admin),
    );
    expect(missing.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect((await current('UY')).status).toBe('INVITED');
  });
});

describe('optimistic concurrency', () => {
  it('answers CONFLICT to a stale expectedVersion and changes nothing', async () => {
    await invite('AT', '2024-01-01');
    await change('AT', 'COMMITTED', '2024-02-01', 1);
    const before = await current('AT');
    const { errors } = await change('AT', 'WITHDRAWN', '2024-03-01', 1);
    expect(errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(await current('AT')).toEqual(before);
  });

  it('lets exactly one of two truly concurrent changes win', async () => {
    await invite('CH', '2024-01-01');
    const audits = await auditCount();
    const results = await Promise.all([
      change('CH', 'COMMITTED', '2024-02-01', 1),
      change('CH', 'DECLINED', '2024-02-01', 1),
      change('CH', 'COMMITTED', '2024-02-02', 1),
      change('CH', 'DECLINED', '2024-02-02', 1),
    ]);
    const winners = results.filter((result) => !result.errors);
    const losers = results.filter((result) => result.errors);
    expect(winners).toHaveLength(1);
    expect(losers.every((result) => result.errors![0].extensions!.code === 'CONFLICT')).toBe(true);
    const state = await current('CH');
    expect(state.version).toBe(2);
    expect(state.history).toHaveLength(2);
    expect(await auditCount()).toBe(audits + 1);
  });

  it('lets exactly one of two concurrent first invitations create the membership', async () => {
    const results = await Promise.all([invite('IE', '2024-01-01'), invite('IE', '2024-01-02')]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect((await current('IE')).history).toHaveLength(1);
  });
});

describe('idempotent retries', () => {
  it('returns the first result for a repeated Idempotency-Key and writes nothing new', async () => {
    const audits = await auditCount();
    const first = await invite('KE', '2024-04-01', { 'idempotency-key': 'invite-ke-1' });
    const retry = await invite('KE', '2024-04-01', { 'idempotency-key': 'invite-ke-1' });
    expect(first.errors).toBeUndefined();
    expect(retry.errors).toBeUndefined();
    expect(retry.data).toEqual(first.data);
    expect((await current('KE')).history).toHaveLength(1);
    expect(await auditCount()).toBe(audits + 1);
  });

  it('refuses the same Idempotency-Key for a different request', async () => {
    await invite('TZ', '2024-04-01', { 'idempotency-key': 'reused-key' });
    const other = await invite('UG', '2024-04-01', { 'idempotency-key': 'reused-key' });
    expect(other.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await current('UG')).toBeNull();
  });
});

describe('all or nothing', () => {
  it('leaves no event and no audit entry when a constraint fails half-way through the transaction', async () => {
    const db = service.app.get(DataSource);
    await invite('GR', '2024-01-01');
    const before = await current('GR');
    const [{ n: events }] = await db.query(`SELECT count(*)::int AS n FROM membership_event`);
    const audits = await auditCount();
    // The audit entry is the last row each write inserts; make the database refuse it for this write only.
    await db.query(
      `ALTER TABLE audit_entry ADD CONSTRAINT test_refuses_greece CHECK (after->'participantId' IS NULL OR operation <> 'changeMembershipStatus') NOT VALID`,
    );
    try {
      const { errors } = await change('GR', 'COMMITTED', '2024-02-01', before.version);
      expect(errors![0].extensions!.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(errors)).not.toMatch(/audit_entry|constraint|INSERT/i);
    } finally {
      await db.query(`ALTER TABLE audit_entry DROP CONSTRAINT test_refuses_greece`);
    }
    expect(await current('GR')).toEqual(before);
    expect((await db.query(`SELECT count(*)::int AS n FROM membership_event`))[0].n).toBe(events);
    expect(await auditCount()).toBe(audits);
  });
});

describe('what readers see after a write', () => {
  it('shows the change in stats, history and asOf', async () => {
    const statsQuery = `{ coalition(slug: "${SLUG}") { now: stats { committed invitedNotParticipating total } then: stats(asOf: "2024-05-09") { committed } } }`;
    const before = (await service.graphql(statsQuery)).data!.coalition;
    await invite('KR', '2024-05-01');
    await change('KR', 'COMMITTED', '2024-05-10', 1);
    const after = (await service.graphql(statsQuery)).data!.coalition;
    expect(after.now.committed).toBe(before.now.committed + 1);
    expect(after.now.total).toBe(before.now.total + 1);
    expect(after.then.committed).toBe(before.then.committed);
    const { data } = await service.graphql(`{
      early: membership(coalition: "${SLUG}", participant: "KR", asOf: "2024-05-05") { status history { status } }
      late: membership(coalition: "${SLUG}", participant: "KOR") { status history { status effectiveOn } }
    }`);
    expect(data!.early).toEqual({ status: 'INVITED', history: [{ status: 'INVITED' }] });
    expect(data!.late.history).toEqual([
      { status: 'INVITED', effectiveOn: '2024-05-01' },
      { status: 'COMMITTED', effectiveOn: '2024-05-10' },
    ]);
  });
});

describe('read-your-writes without replicas', () => {
  it('answers a write with its commit position, and a read with none', async () => {
    const ask = (query: string) =>
      fetch(`${service.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(keys.admin) },
        body: JSON.stringify({ query }),
      });
    const written = await ask(
      `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "BT", invitedOn: "2024-06-01" }) { version } }`,
    );
    expect(((await written.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(written.headers.get('x-registry-position')).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    const read = await ask(`{ membership(coalition: "${SLUG}", participant: "BT") { status } }`);
    expect(((await read.json()) as { data: any }).data.membership.status).toBe('INVITED');
    expect(read.headers.get('x-registry-position')).toBeNull();
  });
});

describe('a committed write whose WAL position cannot be read afterwards', () => {
  it('is answered as written (no position header), not as a failure', async () => {
    const db = service.app.get(DataSource);
    const query = db.query.bind(db);
    // A fault after the COMMIT: the one statement that reads the position fails as a lost connection would.
    const fault = jest
      .spyOn(db, 'query')
      .mockImplementation(((sql: string, ...rest: unknown[]) =>
        sql.includes('pg_current_wal_insert_lsn')
          ? Promise.reject(new Error('Connection terminated unexpectedly'))
          : (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest)) as typeof db.query);
    try {
      const response = await fetch(`${service.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(keys.admin) },
        body: JSON.stringify({
          query: `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "PY", invitedOn: "2024-06-01" }) { status version } }`,
        }),
      });
      const body = (await response.json()) as { data?: any; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data.recordInvitation).toEqual({ status: 'INVITED', version: 1 });
      expect(response.headers.get('x-registry-position')).toBeNull();
      expect(fault).toHaveBeenCalledWith(expect.stringContaining('pg_current_wal_insert_lsn'));
    } finally {
      fault.mockRestore();
    }
    const { data } = await service.graphql(`{ membership(coalition: "${SLUG}", participant: "PY") { status } }`);
    expect(data!.membership).toEqual({ status: 'INVITED' });
  });
});
