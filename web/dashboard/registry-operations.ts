/**
 * Every operation the dashboard sends, as fixed documents: the build registers each one in the
 * persisted query manifest (scripts/persisted-queries.mjs), so the dashboard still works where only
 * registered operations run (PERSISTED_QUERIES_ONLY). A document built per request could not be
 * registered: the growth chart and the search ask a fixed number of aliased slots instead, padded.
 * This file imports nothing, so the build script can load it on its own.
 */
const SOURCE_LINK = 'title url publisher';
const PARTICIPANT_SUMMARY = 'code name kind ... on Country { region }';
const MEMBERSHIP_ROW = `id status isParticipating statusSince statusSincePrecision role
  participant { ${PARTICIPANT_SUMMARY} }
  history { effectiveOn status sources { ${SOURCE_LINK} } }`;
const STATS =
  'asOf total committed invitedNotParticipating byKind { kind total committed } byRegion { region total committed }';

/** Most dates one growth request asks `stats(asOf:)` for; one alias per date. */
export const GROWTH_SLOTS = 24;
/** Most participants one search shows, each with its membership (one alias each). */
export const SEARCH_SLOTS = 20;

const slots = (count: number, slot: (index: number) => string, separator: string) =>
  Array.from({ length: count }, (_, index) => slot(index)).join(separator);

export const DASHBOARD_OPERATIONS = {
  DashboardCoalitions: 'query DashboardCoalitions { coalitions { slug name } }',
  DashboardOverview: `query DashboardOverview($slug: String!) { coalition(slug: $slug) {
      slug name description launchedOn rosterNote
      convener { ${PARTICIPANT_SUMMARY} }
      reportedFigures { id reportedOn reportedOnPrecision countries countriesQualifier organizations
        organizationsQualifier combined combinedQualifier wording sources { ${SOURCE_LINK} } }
      stats { ${STATS} }
    } }`,
  DashboardMembers: `query DashboardMembers($slug: String!, $first: Int!, $after: String, $orderBy: MembershipOrder,
        $status: [MembershipStatus!], $kind: ParticipantKind, $region: String) {
      coalition(slug: $slug) {
        memberships(first: $first, after: $after, orderBy: $orderBy, status: $status, kind: $kind, region: $region) {
          totalCount pageInfo { endCursor hasNextPage } nodes { ${MEMBERSHIP_ROW} }
        }
      }
    }`,
  DashboardGrowth: `query DashboardGrowth($slug: String!, ${slots(GROWTH_SLOTS, (index) => `$d${index}: Date!`, ', ')}) {
      coalition(slug: $slug) { ${slots(GROWTH_SLOTS, (index) => `s${index}: stats(asOf: $d${index}) { ${STATS} }`, '\n')} }
    }`,
  DashboardSearch: `query DashboardSearch($text: String!, $first: Int!) {
      searchParticipants(text: $text, first: $first) { ${PARTICIPANT_SUMMARY} }
    }`,
  DashboardSearchMemberships: `query DashboardSearchMemberships($slug: String!, ${slots(SEARCH_SLOTS, (index) => `$p${index}: String!`, ', ')}) {
      ${slots(SEARCH_SLOTS, (index) => `m${index}: membership(coalition: $slug, participant: $p${index}) { ${MEMBERSHIP_ROW} }`, '\n')}
    }`,
  DashboardMember: `query DashboardMember($slug: String!, $code: String!) {
      participant(code: $code) {
        code name kind aliases
        ... on Country { officialName region subregion }
        ... on InternationalOrganization { website }
      }
      membership(coalition: $slug, participant: $code) {
        status isParticipating statusSince statusSincePrecision role note invitedOn
        history { id effectiveOn effectiveOnPrecision status isAttested note sources { ${SOURCE_LINK} } }
        commitments { id title description status madeOn isAttested lineOfEffort note sources { ${SOURCE_LINK} } }
      }
    }`,
} as const;

export type DashboardOperationName = keyof typeof DASHBOARD_OPERATIONS;

/** What the page follows over the live socket (use-live-revision.ts): registered like the reads. */
export const DASHBOARD_SUBSCRIPTIONS = {
  DashboardChanges: 'subscription DashboardChanges($c: String) { registryChanged(coalition: $c) { position } }',
} as const;

/** `values` padded to `count` with its last value (the service answers a repeated one from the same load). */
export function padded<Value>(values: Value[], count: number): Value[] {
  return Array.from({ length: count }, (_, index) => values[Math.min(index, values.length - 1)]!);
}
