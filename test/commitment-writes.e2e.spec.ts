import { DataSource } from 'typeorm';
import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import { useTestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
const app = useTestApp();
let keys: TestKeys;

beforeAll(async () => {
  keys = await createTestKeys(app.current());
});

const COMMITMENT = `id title description lineOfEffort status madeOn version sources { url title } membership { participant { code } }`;

function recordCommitment(participant: string, title: string, extra = '') {
  return app.current().graphql(
    `mutation { recordCommitment(input: { coalition: "${SLUG}", participant: "${participant}", title: "${title}", madeOn: "2024-10-01",
       lineOfEffort: DETECT_EMERGING_THREATS, description: "A national early-warning system",
       source: { url: "https://example.org/pledges", title: "Pledge list" } ${extra} }) { ${COMMITMENT} } }`,
    {},
    bearer(keys.admin),
  );
}

function updateStatus(id: string, status: string, expectedVersion: number) {
  return app.current().graphql(
    `mutation($id: ID!, $s: CommitmentStatus!, $v: Int!) { updateCommitmentStatus(input: { id: $id, status: $s, expectedVersion: $v,
       note: "progress report", source: { url: "https://example.org/progress", title: "Progress" } }) { ${COMMITMENT} note } }`,
    { id, s: status, v: expectedVersion },
    bearer(keys.admin),
  );
}

describe('recordCommitment', () => {
  it('records a commitment of a committed member, with its source, visible on the membership', async () => {
    const { data, errors } = await recordCommitment('DE', 'Early warning');
    expect(errors).toBeUndefined();
    expect(data!.recordCommitment).toMatchObject({
      title: 'Early warning',
      status: 'PLEDGED',
      lineOfEffort: 'DETECT_EMERGING_THREATS',
      version: 1,
      sources: [{ url: 'https://example.org/pledges', title: 'Pledge list' }],
      membership: { participant: { code: 'DE' } },
    });
    const membership = await app
      .current()
      .graphql(`{ membership(coalition: "${SLUG}", participant: "DEU") { commitments { title } } }`);
    expect(membership.data!.membership.commitments.map((c: { title: string }) => c.title)).toContain('Early warning');
  });

  it('refuses a commitment from China, which is invited but not participating', async () => {
    const { errors } = await recordCommitment('CN', 'Anything');
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'participant' });
    expect(errors![0].message).toMatch(/only for a COMMITTED member/);
  });

  it('refuses a second commitment with the same title, a future date, and an empty title', async () => {
    expect((await recordCommitment('DE', 'Early warning')).errors![0].extensions!.code).toBe('CONFLICT');
    const future = await app.current().graphql(
      `mutation { recordCommitment(input: { coalition: "${SLUG}", participant: "DE", title: "Later", madeOn: "2999-01-01",
         source: { url: "https://example.org/x", title: "x" } }) { id } }`,
      {},
      bearer(keys.admin),
    );
    expect(future.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'madeOn' });
    const empty = await recordCommitment('DE', '   ');
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'title' });
  });

  it('reuses a source with the same url instead of copying it', async () => {
    await recordCommitment('JP', 'Precursor controls');
    await recordCommitment('EG', 'Precursor controls');
    const [{ n }] = await app
      .current()
      .app.get(DataSource)
      .query(`SELECT count(*)::int AS n FROM source WHERE url = 'https://example.org/pledges'`);
    expect(n).toBe(1);
  });
});

describe('updateCommitmentStatus', () => {
  it('moves a commitment forward with optimistic concurrency', async () => {
    const created = (await recordCommitment('PE', 'Treatment access')).data!.recordCommitment;
    const started = await updateStatus(created.id, 'IN_PROGRESS', 1);
    expect(started.data!.updateCommitmentStatus).toMatchObject({
      status: 'IN_PROGRESS',
      version: 2,
      note: 'progress report',
    });
    expect(started.data!.updateCommitmentStatus.sources.map((s: { url: string }) => s.url)).toEqual([
      'https://example.org/pledges',
      'https://example.org/progress',
    ]);
    expect((await updateStatus(created.id, 'FULFILLED', 1)).errors![0].extensions!.code).toBe('CONFLICT');
    expect((await updateStatus(created.id, 'FULFILLED', 2)).data!.updateCommitmentStatus.status).toBe('FULFILLED');
    const final = await updateStatus(created.id, 'IN_PROGRESS', 3);
    expect(final.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(final.errors![0].message).toMatch(/FULFILLED is final/);
  });

  it('says NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect(
      (await updateStatus('00000000-0000-4000-8000-000000000000', 'FULFILLED', 1)).errors![0].extensions!.code,
    ).toBe('NOT_FOUND');
    expect((await updateStatus('not-an-id', 'FULFILLED', 1)).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'id',
    });
  });
});

describe('addParticipant', () => {
  const add = (kind: string, code: string, name: string) =>
    app.current().graphql(
      `mutation { addParticipant(input: { kind: ${kind}, code: "${code}", name: "${name}", aliases: ["The Org"], website: "https://example.org" }) {
         code name aliases ... on InternationalOrganization { acronym website } } }`,
      {},
      bearer(keys.admin),
    );

  it('adds an organisation that search then finds', async () => {
    const { data } = await add('INTERNATIONAL_ORGANIZATION', 'cicte', 'Inter-American Committee against Terrorism');
    expect(data!.addParticipant).toEqual({
      code: 'CICTE',
      name: 'Inter-American Committee against Terrorism',
      aliases: ['The Org'],
      acronym: 'CICTE',
      website: 'https://example.org',
    });
    const found = await app.current().graphql(`{ searchParticipants(text: "against terror") { code } }`);
    expect(found.data!.searchParticipants).toEqual([{ code: 'CICTE' }]);
  });

  it('refuses a country code ISO 3166-1 does not know, and one the registry has', async () => {
    expect((await add('COUNTRY', 'XX', 'Nowhere')).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'code',
    });
    expect((await add('COUNTRY', 'FR', 'France')).errors![0].extensions!.code).toBe('CONFLICT');
    expect((await add('INTERNATIONAL_ORGANIZATION', 'EU', 'Again')).errors![0].extensions!.code).toBe('CONFLICT');
  });
});

describe('auditLog', () => {
  it('lists every write newest first, with actor, role, operation, before and after; filters by actor and time', async () => {
    const service = app.current();
    const log = await service.graphql(
      `{ auditLog(first: 3) { totalCount edges { cursor node { id at actor role operation before after } } pageInfo { hasNextPage endCursor } } }`,
      {},
      bearer(keys.admin),
    );
    const page = log.data!.auditLog;
    expect(page.totalCount).toBeGreaterThanOrEqual(7);
    const ids = page.edges.map((edge: { node: { id: string } }) => Number(edge.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(page.edges[0].node).toMatchObject({ actor: 'test-admin', role: 'ADMIN' });
    const next = await service.graphql(
      `query($a: String) { auditLog(first: 100, after: $a) { nodes { id } } }`,
      { a: page.pageInfo.endCursor },
      bearer(keys.admin),
    );
    expect(Number(next.data!.auditLog.nodes[0].id)).toBeLessThan(ids.at(-1));
    const updates = await service.graphql(
      `{ auditLog(first: 100) { nodes { operation before after } } }`,
      {},
      bearer(keys.admin),
    );
    const update = updates
      .data!.auditLog.nodes.filter((n: { operation: string }) => n.operation === 'updateCommitmentStatus')
      .at(-1);
    expect(update.before.status).toBe('PLEDGED');
    expect(update.after.status).toBe('IN_PROGRESS');
    const byNobody = await service.graphql(`{ auditLog(actor: "nobody") { totalCount } }`, {}, bearer(keys.admin));
    expect(byNobody.data!.auditLog.totalCount).toBe(0);
    const future = await service.graphql(
      `{ auditLog(since: "2999-01-01T00:00:00Z") { totalCount } }`,
      {},
      bearer(keys.admin),
    );
    expect(future.data!.auditLog.totalCount).toBe(0);
  });
});
