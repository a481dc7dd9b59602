import { bareRequest, dataOf, graphqlRequest, type Operation } from './operation.js';

/**
 * (3) A dashboard's counts for one coalition: totals, by status, by kind, by region.
 * To add the growth `timeline` once the API has it: add it to OURS, to the bare SQL
 * (bare-queries.ts), to POSTGRAPHILE (one aliased count per period) and to `normalize`.
 */
interface Question {
  coalition: string;
  regions: Array<string | null>;
}

const STATUSES = ['INVITED', 'COMMITTED', 'DECLINED', 'WITHDRAWN'] as const;
const KINDS = ['COUNTRY', 'INTERNATIONAL_ORGANIZATION'] as const;

const OURS = `query DashboardStats($coalition: String!) {
  coalition(slug: $coalition) {
    stats {
      total committed invitedNotParticipating
      byStatus { status count }
      byKind { kind total committed }
      byRegion { region total committed }
    }
  }
}`;

/** PostGraphile has no GROUP BY without an aggregates plugin (none for v5 yet): one aliased count per cell. */
function postgraphileQuery(regions: Array<string | null>): string {
  const count = (alias: string, condition: string, filter: string) => {
    const args = [
      condition && `condition: { ${condition} }`,
      filter && `filter: { participantByParticipantId: { ${filter} } }`,
    ];
    const list = args.filter(Boolean).join(', ');
    return `${alias}: membershipsByCoalitionId${list ? `(${list})` : ''} { totalCount }`;
  };
  const committed = 'status: "COMMITTED"';
  const fields = [
    count('total', '', ''),
    ...STATUSES.map((status) => count(status, `status: "${status}"`, '')),
    ...KINDS.flatMap((kind, i) => [
      count(`kind${i}`, '', `kind: { equalTo: "${kind}" }`),
      count(`kind${i}Committed`, committed, `kind: { equalTo: "${kind}" }`),
    ]),
    ...regions.flatMap((region, i) => {
      const filter = region === null ? 'region: { isNull: true }' : `region: { equalTo: ${JSON.stringify(region)} }`;
      return [count(`region${i}`, '', filter), count(`region${i}Committed`, committed, filter)];
    }),
  ];
  return `query DashboardStats($coalition: String!) {\n  coalitionBySlug(slug: $coalition) {\n    ${fields.join('\n    ')}\n  }\n}`;
}

interface Cell {
  total: number;
  committed: number;
}

function canonical(stats: {
  total: number;
  committed: number;
  invitedNotParticipating: number;
  byStatus: Array<{ status: string; count: number }>;
  byKind: Array<{ kind: string } & Cell>;
  byRegion: Array<{ region: string | null } & Cell>;
}): unknown {
  const byText = (a: string | null, b: string | null) => (a ?? '~').localeCompare(b ?? '~');
  return {
    total: stats.total,
    committed: stats.committed,
    invitedNotParticipating: stats.invitedNotParticipating,
    byStatus: [...stats.byStatus].sort((a, b) => byText(a.status, b.status)),
    byKind: stats.byKind.filter((cell) => cell.total > 0).sort((a, b) => byText(a.kind, b.kind)),
    byRegion: stats.byRegion.filter((cell) => cell.total > 0).sort((a, b) => byText(a.region, b.region)),
  };
}

export const dashboardStats: Operation<Question> = {
  name: 'dashboard-stats',

  questions({ coalitions, regions }) {
    return coalitions.map((coalition) => ({ coalition, regions }));
  },

  async request(system, question) {
    const variables = { coalition: question.coalition };
    if (system === 'ours') return graphqlRequest(OURS, variables);
    if (system === 'postgraphile') return graphqlRequest(postgraphileQuery(question.regions), variables);
    return bareRequest('dashboard-stats', variables);
  },

  normalize(system, response, question) {
    const data = dataOf(response);
    if (system !== 'postgraphile') return canonical(data.coalition.stats);
    const counts: Record<string, { totalCount: number }> = data.coalitionBySlug;
    const cell = (alias: string): Cell => ({
      total: counts[alias]!.totalCount,
      committed: counts[`${alias}Committed`]!.totalCount,
    });
    return canonical({
      total: counts.total!.totalCount,
      committed: counts.COMMITTED!.totalCount,
      invitedNotParticipating: counts.INVITED!.totalCount,
      byStatus: STATUSES.map((status) => ({ status, count: counts[status]!.totalCount })),
      byKind: KINDS.map((kind, i) => ({ kind, ...cell(`kind${i}`) })),
      byRegion: question.regions.map((region, i) => ({ region, ...cell(`region${i}`) })),
    });
  },
};
