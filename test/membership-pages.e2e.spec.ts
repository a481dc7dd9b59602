import { startTestApp, type TestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
let service: TestApp;

beforeAll(async () => {
  service = await startTestApp();
});
afterAll(async () => {
  await service.close();
});

const PAGE = `query Page($first: Int, $after: String, $orderBy: MembershipOrder, $status: [MembershipStatus!], $kind: ParticipantKind, $region: String, $asOf: Date) {
  coalition(slug: "${SLUG}") {
    memberships(first: $first, after: $after, orderBy: $orderBy, status: $status, kind: $kind, region: $region, asOf: $asOf) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id status statusSince participant { code name } } }
      nodes { id }
    }
  }
}`;

type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: Array<{
    cursor: string;
    node: { id: string; status: string; statusSince: string; participant: { code: string; name: string } };
  }>;
  nodes: Array<{ id: string }>;
};

async function page(variables: Record<string, unknown>): Promise<Page> {
  const { data, errors } = await service.graphql(PAGE, variables);
  expect(errors).toBeUndefined();
  return data!.coalition.memberships as Page;
}

async function walk(variables: Record<string, unknown>): Promise<Page['edges']> {
  const seen: Page['edges'] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard += 1) {
    const current = await page({ ...variables, after });
    seen.push(...current.edges);
    expect(current.nodes.map((node) => node.id)).toEqual(current.edges.map((edge) => edge.node.id));
    if (!current.pageInfo.hasNextPage) return seen;
    after = current.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

describe('Coalition.memberships', () => {
  it('pages to the end by name without gaps or repeats', async () => {
    const edges = await walk({ first: 4 });
    expect(edges).toHaveLength(30);
    expect(new Set(edges.map((edge) => edge.node.id)).size).toBe(30);
    const names = edges.map((edge) => edge.node.participant.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('reports totalCount and pageInfo on each page', async () => {
    const first = await page({ first: 10 });
    expect(first.totalCount).toBe(30);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await page({ first: 20, after: first.pageInfo.endCursor });
    expect(second.edges).toHaveLength(20);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('orders by any field in both directions, and pages stay consistent', async () => {
    for (const field of ['PARTICIPANT_CODE', 'STATUS_SINCE', 'STATUS', 'PARTICIPANT_NAME']) {
      for (const direction of ['ASC', 'DESC']) {
        const edges = await walk({ first: 7, orderBy: { field, direction } });
        expect(edges).toHaveLength(30);
        expect(new Set(edges.map((edge) => edge.node.id)).size).toBe(30);
      }
    }
    const byDate = (await walk({ first: 5, orderBy: { field: 'STATUS_SINCE', direction: 'DESC' } })).map(
      (edge) => edge.node.statusSince,
    );
    expect(byDate).toEqual([...byDate].sort().reverse());
    const byCode = (await walk({ first: 5, orderBy: { field: 'PARTICIPANT_CODE', direction: 'ASC' } })).map(
      (edge) => edge.node.participant.code,
    );
    expect(byCode).toEqual([...byCode].sort());
  });

  it('filters by status, kind and region', async () => {
    const invited = await page({ status: ['INVITED'] });
    expect(invited.edges.map((edge) => edge.node.participant.code)).toEqual(['CN']);
    const organisations = await page({ kind: 'INTERNATIONAL_ORGANIZATION' });
    expect(organisations.edges.map((edge) => edge.node.participant.code)).toEqual(['EU']);
    const europe = await page({ region: 'europe' });
    expect(europe.edges.map((edge) => edge.node.participant.code).sort()).toEqual([
      'BE',
      'DE',
      'ES',
      'FR',
      'GB',
      'IT',
      'NL',
    ]);
    const nothing = await page({ status: ['WITHDRAWN'] });
    expect(nothing).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('shows the roster as it stood on a date', async () => {
    const launch = await walk({ first: 3, asOf: '2023-07-07' });
    // Revision 1's launch members and China, and revision 2's ES, JO, MA, NL (corrected) and SA.
    expect(launch.map((edge) => edge.node.participant.code).sort()).toEqual([
      'CN',
      'DE',
      'EG',
      'ES',
      'EU',
      'JO',
      'JP',
      'LK',
      'MA',
      'NL',
      'PA',
      'PE',
      'QA',
      'SA',
      'US',
    ]);
  });

  it('rejects a cursor from another ordering', async () => {
    const byName = await page({ first: 2 });
    const { errors } = await service.graphql(PAGE, {
      first: 2,
      after: byName.pageInfo.endCursor,
      orderBy: { field: 'STATUS_SINCE', direction: 'ASC' },
    });
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});
