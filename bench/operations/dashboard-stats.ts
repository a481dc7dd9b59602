import { TIMELINE_WINDOW } from '../timeline-rows.js';
import { bareRequest, dataOf, graphqlRequest, type Json, type Operation } from './operation.js';

/**
 * (3) A dashboard's counts for one coalition: totals, by status, by kind, by region, and its growth
 * (counts by status at the end of every quarter of a fixed window: see timeline-rows.ts).
 */
interface Question {
  coalition: string;
  regions: Array<string | null>;
}

const STATUSES = ['INVITED', 'COMMITTED', 'DECLINED', 'WITHDRAWN'] as const;
const KINDS = ['COUNTRY', 'INTERNATIONAL_ORGANIZATION'] as const;

const OURS = `query DashboardStats($coalition: String!, $from: Date!, $to: Date!) {
  coalition(slug: $coalition) {
    stats {
      total committed invitedNotParticipating
      byStatus { status count }
      byKind { kind total committed }
      byRegion { region total committed }
    }
    timeline(interval: QUARTER, from: $from, to: $to) { end total byStatus { status count } }
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
  return `query DashboardStats($coalition: String!, $from: Date!, $to: Date!) {
  coalitionBySlug(slug: $coalition) {\n    ${fields.join('\n    ')}\n  }
  benchPostgraphileCoalitionTimeline(slug: $coalition, fromDate: $from, toDate: $to) { nodes { naturalEnd status count } }
}`;
}

interface Cell {
  total: number;
  committed: number;
}

interface Period {
  end: string;
  total: number;
  byStatus: Array<{ status: string; count: number }>;
}

function canonical(
  stats: {
    total: number;
    committed: number;
    invitedNotParticipating: number;
    byStatus: Array<{ status: string; count: number }>;
    byKind: Array<{ kind: string } & Cell>;
    byRegion: Array<{ region: string | null } & Cell>;
  },
  timeline: Period[],
): unknown {
  const byText = (a: string | null, b: string | null) => (a ?? '~').localeCompare(b ?? '~');
  return {
    total: stats.total,
    committed: stats.committed,
    invitedNotParticipating: stats.invitedNotParticipating,
    byStatus: [...stats.byStatus].sort((a, b) => byText(a.status, b.status)),
    byKind: stats.byKind.filter((cell) => cell.total > 0).sort((a, b) => byText(a.kind, b.kind)),
    byRegion: stats.byRegion.filter((cell) => cell.total > 0).sort((a, b) => byText(a.region, b.region)),
    timeline: timeline.map((period) => ({
      end: period.end,
      total: period.total,
      byStatus: [...period.byStatus].sort((a, b) => byText(a.status, b.status)),
    })),
  };
}

/** PostGraphile's rows (one per quarter and status) as periods. */
function periodsOf(rows: Array<{ naturalEnd: string; status: string; count: number }>): Period[] {
  const periods = new Map<string, Period>();
  for (const row of rows) {
    const period = periods.get(row.naturalEnd) ?? { end: row.naturalEnd, total: 0, byStatus: [] };
    period.total += row.count;
    period.byStatus.push({ status: row.status, count: row.count });
    periods.set(row.naturalEnd, period);
  }
  return [...periods.values()].sort((a, b) => a.end.localeCompare(b.end));
}

export const dashboardStats: Operation<Question> = {
  name: 'dashboard-stats',

  questions({ coalitions, regions }) {
    return coalitions.map((coalition) => ({ coalition, regions }));
  },

  async request(system, question) {
    const variables = { coalition: question.coalition, ...TIMELINE_WINDOW };
    if (system === 'ours') return graphqlRequest(OURS, variables);
    if (system === 'postgraphile') return graphqlRequest(postgraphileQuery(question.regions), variables);
    return bareRequest('dashboard-stats', variables);
  },

  normalize(system, response, question) {
    const data = dataOf(response);
    if (system !== 'postgraphile') return canonical(data.coalition.stats, data.coalition.timeline);
    const counts: Record<string, { totalCount: number }> = data.coalitionBySlug;
    const cell = (alias: string): Cell => ({
      total: counts[alias]!.totalCount,
      committed: counts[`${alias}Committed`]!.totalCount,
    });
    return canonical(
      {
        total: counts.total!.totalCount,
        committed: counts.COMMITTED!.totalCount,
        invitedNotParticipating: counts.INVITED!.totalCount,
        byStatus: STATUSES.map((status) => ({ status, count: counts[status]!.totalCount })),
        byKind: KINDS.map((kind, i) => ({ kind, ...cell(`kind${i}`) })),
        byRegion: question.regions.map((region, i) => ({ region, ...cell(`region${i}`) })),
      },
      periodsOf(data.benchPostgraphileCoalitionTimeline.nodes as Json[]),
    );
  },
};
