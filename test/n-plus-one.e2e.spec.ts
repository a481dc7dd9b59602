import { jest } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { systemActor } from '../src/audit/actor.js';
import { AuditedWriteService } from '../src/audit/audited-write.service.js';
import { MembershipLedger } from '../src/memberships/membership-ledger.js';
import { RosterImportService } from '../src/roster-import/roster-import.service.js';
import { ApiKeysService } from '../src/auth/api-keys.service.js';
import { bearer, TEST_SETUP } from './support/api-keys.js';
import { useTestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
const app = useTestApp();
let adminKey: string;

beforeAll(async () => {
  // 40 more members, so a page of 50 is full.
  const service = app.current();
  adminKey = (await service.app.get(ApiKeysService).create('bulk', 'admin', TEST_SETUP)).key;
  const codes: Array<{ code: string }> = await service.app.get(DataSource).query(
    `SELECT code FROM participant p WHERE kind = 'COUNTRY' AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.participant_id = p.id)
      ORDER BY code LIMIT 40`,
  );
  const report = await service.app.get(RosterImportService).importRoster({
    coalition: SLUG,
    keyName: 'bulk',
    isDryRun: false,
    rows: codes.map(({ code }, index) => ({
      line: index + 2,
      participant: code,
      status: 'COMMITTED',
      date: '2024-03-01',
      sourceUrl: 'https://example.org/n-plus-one',
      sourceTitle: 'Roster',
      note: '',
    })),
  });
  expect(report.isApplied).toBe(true);
});

/** Every statement the service sends to PostgreSQL while answering one request. */
async function statementsFor(
  query: string,
  headers: Record<string, string> = {},
): Promise<{ count: number; data: any; texts: string[] }> {
  const spy = jest.spyOn(pg.Client.prototype, 'query');
  try {
    const { data, errors } = await app.current().graphql(query, {}, headers);
    expect(errors).toBeUndefined();
    const texts = spy.mock.calls.map(([config]) =>
      typeof config === 'string' ? config : String((config as { text?: unknown }).text),
    );
    return { count: spy.mock.calls.length, data, texts };
  } finally {
    spy.mockRestore();
  }
}

const page = (size: number) => `{ coalition(slug: "${SLUG}") { memberships(first: ${size}) { totalCount nodes {
  status participant { code name } history { status sources { title url } } commitments { title sources { url } } coalition { slug }
} } } }`;

it('answers a nested page of memberships in a constant number of SQL statements, whatever its size', async () => {
  await statementsFor(page(1)); // the coalition by slug is kept in memory after its first lookup
  const small = await statementsFor(page(30));
  const large = await statementsFor(page(50));
  expect(large.data.coalition.memberships.nodes).toHaveLength(50);
  expect(large.count).toBe(small.count);
  // One statement for the page with its count, participants, histories and commitments (sources
  // included, as JSON built by PostgreSQL); one for the coalitions.
  expect(large.count).toBe(2);
});

it("answers the bench's nested page and members page in one SQL statement each", async () => {
  await statementsFor(page(1)); // the coalition by slug is kept in memory after its first lookup
  const nested = await statementsFor(`{ coalition(slug: "${SLUG}") {
    memberships(first: 50, orderBy: { field: STATUS_SINCE, direction: ASC }) { nodes {
      status statusSince participant { code name } history { status effectiveOn } commitments(first: 5) { title status madeOn }
  } } } }`);
  expect(nested.data.coalition.memberships.nodes).toHaveLength(50);
  expect(nested.count).toBe(1);

  const membersPage = (after: string | null) =>
    statementsFor(`{ coalition(slug: "${SLUG}") {
      memberships(first: 5, after: ${JSON.stringify(after)}, status: [COMMITTED], region: "Europe",
                  orderBy: { field: STATUS_SINCE, direction: ASC }) {
        totalCount pageInfo { hasNextPage endCursor } nodes { status statusSince participant { code name ... on Country { region } } }
  } } }`);
  const first = await membersPage(null);
  const second = await membersPage(first.data.coalition.memberships.pageInfo.endCursor);
  expect(second.data.coalition.memberships.totalCount).toBeGreaterThan(5);
  expect(second.data.coalition.memberships.nodes.length).toBeGreaterThan(0);
  expect(second.count).toBe(1);
});

it("answers the bench's diplomat lookup in one SQL statement, and its dashboard question in two", async () => {
  await statementsFor(page(1)); // the coalition by slug is kept in memory after its first lookup
  const lookup = await statementsFor(`{ membership(coalition: "${SLUG}", participant: "US") {
    status statusSince history { status effectiveOn sources { title url } }
  } }`);
  expect(lookup.data.membership.history.length).toBeGreaterThan(0);
  expect(lookup.data.membership.history[0].sources.length).toBeGreaterThan(0);
  // The membership, its standing history and each event's sources: one statement.
  expect(lookup.count).toBe(1);

  const dashboard = await statementsFor(`{ coalition(slug: "${SLUG}") {
    stats { total committed invitedNotParticipating byStatus { status count } byKind { kind total committed }
            byRegion { region total committed } }
    timeline(interval: QUARTER, from: "2023-01-01", to: "2024-12-31") { end total byStatus { status count } }
  } }`);
  expect(dashboard.data.coalition.timeline.length).toBe(8);
  // The counts by status, kind and region; the timeline's counts at the end of each period (no
  // reported figure: the question does not show it).
  expect(dashboard.count).toBe(2);
  const withFigure = await statementsFor(`{ coalition(slug: "${SLUG}") { stats { total reported { countries } } } }`);
  expect(withFigure.data.coalition.stats.reported.countries).toEqual(expect.any(Number));
  expect(withFigure.count).toBe(2);
});

it('answers what a page reads in its own statement as the loaders do: aliases, arguments, fragments, @skip', async () => {
  const selection = `code: participant { code }
    history { status effectiveOn sources { url } }
    withRetracted: history(includeRetracted: true) { ...Event }
    two: commitments(first: $two) { title madeOn }
    all: commitments { ...Commitment }
    skipped: commitments(first: 1) @skip(if: $yes) { title }
    included: commitments(first: 3) @include(if: $yes) { title status sources { url } }`;
  const fragments = `fragment Event on MembershipEvent { id status retraction { reason } }
    fragment Commitment on Commitment { id title description status sources { url } }`;
  const viaPage = await app.current().graphql(
    `query ($two: Int!, $yes: Boolean!) { coalition(slug: "${SLUG}") { memberships(first: 50) {
      nodes { ${selection} } edges { node { code: participant { code } two: commitments(first: $two) { title madeOn } } }
    } } } ${fragments}`,
    { two: 2, yes: true },
  );
  expect(viaPage.errors).toBeUndefined();
  const nodes = viaPage.data!.coalition.memberships.nodes;
  expect(nodes).toHaveLength(50);
  expect(nodes.flatMap((node: any) => node.all).length).toBeGreaterThan(2);
  expect(viaPage.data!.coalition.memberships.edges.map((edge: any) => edge.node.two)).toEqual(
    nodes.map((node: any) => node.two),
  );
  // The diplomat's lookup reads commitments through the loader: the same answers, one by one.
  for (const node of nodes.slice(0, 12)) {
    const viaLoader = await app
      .current()
      .graphql(
        `query ($two: Int!, $yes: Boolean!) { membership(coalition: "${SLUG}", participant: "${node.code.code}") { ${selection} } } ${fragments}`,
        { two: 2, yes: true },
      );
    expect(viaLoader.errors).toBeUndefined();
    expect(viaLoader.data!.membership).toEqual(node);
  }
  expect(nodes[0]).not.toHaveProperty('skipped');

  // One response key for two fields, under nodes and under edges: neither is taken for the other.
  const mixed = await app.current().graphql(`{ coalition(slug: "${SLUG}") { memberships(first: 5) {
    nodes { x: participant { code } } edges { node { x: history { status } } } } } }`);
  expect(mixed.errors).toBeUndefined();
  expect(mixed.data!.coalition.memberships.nodes[0].x.code).toEqual(expect.any(String));
  expect(mixed.data!.coalition.memberships.edges[0].node.x[0].status).toEqual(expect.any(String));

  const invalid = await app
    .current()
    .graphql(`{ coalition(slug: "${SLUG}") { memberships(first: 2) { nodes { commitments(first: 0) { title } } } } }`);
  expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

it('reads only the columns a query selects, for the page, its participants, histories, commitments and sources', async () => {
  await statementsFor(page(1)); // the coalition by slug is kept in memory after its first lookup
  const narrow = await statementsFor(`{ coalition(slug: "${SLUG}") { memberships(first: 5) { nodes {
    status participant { code } history { status sources { url } } commitments(first: 2) { title }
  } } } }`);
  expect(narrow.count).toBe(1);
  // Each is named in the statement by the column it reads (rows are sent as tuples: no keys).
  const keys = ['limited.invited_on', 'p.official_name', 'e.recorded_at', 'c.line_of_effort', 'cited.publisher'];
  for (const key of keys) expect(narrow.texts[0]).not.toContain(key);
  const wide = await statementsFor(`{ coalition(slug: "${SLUG}") { memberships(first: 5) { nodes {
    invitedOn participant { ... on Country { officialName } } history { recordedAt sources { publisher } }
    commitments(first: 2) { lineOfEffort }
  } } } }`);
  expect(wide.count).toBe(1);
  for (const key of keys) expect(wide.texts[0]).toContain(key);
  const lookup = await statementsFor(`{ membership(coalition: "${SLUG}", participant: "US") { history { status } } }`);
  expect(lookup.count).toBe(1);
  expect(lookup.texts[0]).not.toContain('e.recorded_at');
  expect(lookup.texts[0]).not.toContain('citation');
});

it('reads no sources for a page that does not show them, and still answers them when a fragment asks', async () => {
  const plain = await statementsFor(`{ coalition(slug: "${SLUG}") { memberships(first: 50) { nodes {
    status history { status effectiveOn } commitments(first: 5) { title } } } } }`);
  expect(plain.data.coalition.memberships.nodes).toHaveLength(50);
  expect(plain.texts.some((text) => text.includes('citation'))).toBe(false);

  const viaFragment = await statementsFor(`{ coalition(slug: "${SLUG}") { memberships(first: 50) { nodes {
    history { ...Cited } } } } } fragment Cited on MembershipEvent { status sources { url } }`);
  const events = viaFragment.data.coalition.memberships.nodes.flatMap((node: any) => node.history);
  expect(events.length).toBeGreaterThan(0);
  expect(events.every((event: any) => event.sources.length > 0)).toBe(true);
});

it('reads retractions and corrected events of a page through loaders: constant statements, whatever its size', async () => {
  const service = app.current();
  const events: Array<{ id: string }> = await service.app.get(DataSource).query(
    `SELECT e.id FROM membership_event e JOIN membership m ON m.id = e.membership_id
      WHERE e.recorded_by = 'bulk' AND e.retracted_at IS NULL`,
  );
  const ledger = service.app.get(MembershipLedger);
  for (const { id } of events) {
    await service.app.get(AuditedWriteService).run(systemActor('n-plus-one'), (tx) =>
      ledger.correct(tx, {
        eventId: id,
        reason: 'The roster gave the wrong day',
        effectiveOn: '2024-03-02',
        sources: [{ url: 'https://example.org/n-plus-one/corrected', title: 'Corrected roster' }],
        operation: 'test',
      }),
    );
  }
  const withRetracted = (size: number) => `{ coalition(slug: "${SLUG}") { memberships(first: ${size}) { nodes {
    history(includeRetracted: true) { status retraction { reason sources { url } } correctionOf { status sources { url } } }
  } } } }`;
  await statementsFor(withRetracted(1));
  const small = await statementsFor(withRetracted(30));
  const large = await statementsFor(withRetracted(50));
  const history = large.data.coalition.memberships.nodes.flatMap((node: any) => node.history);
  expect(history.filter((event: any) => event.retraction).length).toBeGreaterThan(10);
  expect(history.filter((event: any) => event.correctionOf).length).toBeGreaterThan(10);
  expect(large.count).toBe(small.count);
  // The page with its histories, the retractions' sources, the corrected events, their sources.
  expect(large.count).toBe(4);
});

it('counts the audit log only for a page that asks for its totalCount', async () => {
  const admin = bearer(adminKey);
  const isCount = (text: string) => /\bCOUNT\(/i.test(text);
  await statementsFor(`{ auditLog(first: 5) { nodes { operation } } }`, admin); // the key is checked and kept
  const plain = await statementsFor(`{ auditLog(first: 5) { nodes { operation } pageInfo { hasNextPage } } }`, admin);
  const counted = await statementsFor(`{ auditLog(first: 5) { totalCount nodes { operation } } }`, admin);
  expect(plain.data.auditLog.nodes.length).toBeGreaterThan(0);
  expect(plain.texts.filter(isCount)).toHaveLength(0);
  expect(counted.texts.filter(isCount)).toHaveLength(1);
  expect(counted.data.auditLog.totalCount).toBeGreaterThan(0);
});
