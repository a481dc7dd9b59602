import type {
  CoalitionOverview,
  CoalitionStats,
  CoalitionSummary,
  MembershipDetail,
  MembershipOrderField,
  MembershipPage,
  MembershipRow,
  MembershipStatus,
  OrderDirection,
  ParticipantDetail,
  ParticipantKind,
  ParticipantSummary,
} from './registry-types';
import { graphql as sharedGraphql, RegistryRequestError } from '../session/graphql-client';

export { RegistryRequestError };

/** The dashboard's requests, with the signed-in key (if any), through the shared client. */
function graphql<Data>(query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<Data> {
  return sharedGraphql<Data>(query, variables, { signal });
}

const SOURCE_LINK = 'title url publisher';
const PARTICIPANT_SUMMARY = 'code name kind ... on Country { region }';
const MEMBERSHIP_ROW = `id status isParticipating statusSince statusSincePrecision role
  participant { ${PARTICIPANT_SUMMARY} }
  history { effectiveOn status sources { ${SOURCE_LINK} } }`;
const STATS =
  'asOf total committed invitedNotParticipating byKind { kind total committed } byRegion { region total committed }';

export async function fetchCoalitions(signal?: AbortSignal): Promise<CoalitionSummary[]> {
  const data = await graphql<{ coalitions: CoalitionSummary[] }>('{ coalitions { slug name } }', {}, signal);
  return data.coalitions;
}

export async function fetchCoalitionOverview(slug: string, signal?: AbortSignal): Promise<CoalitionOverview | null> {
  const data = await graphql<{ coalition: CoalitionOverview | null }>(
    `query DashboardOverview($slug: String!) { coalition(slug: $slug) {
      slug name description launchedOn rosterNote
      convener { ${PARTICIPANT_SUMMARY} }
      reportedFigures { id reportedOn reportedOnPrecision countries countriesQualifier organizations
        organizationsQualifier wording sources { ${SOURCE_LINK} } }
      stats { ${STATS} }
    } }`,
    { slug },
    signal,
  );
  return data.coalition;
}

export interface MembershipQuery {
  first: number;
  after?: string | null;
  orderBy?: { field: MembershipOrderField; direction: OrderDirection };
  status?: MembershipStatus[] | null;
  kind?: ParticipantKind | null;
  region?: string | null;
}

export async function fetchMembershipPage(
  slug: string,
  query: MembershipQuery,
  signal?: AbortSignal,
): Promise<MembershipPage> {
  const data = await graphql<{ coalition: { memberships: MembershipPage } | null }>(
    `query DashboardMembers($slug: String!, $first: Int!, $after: String, $orderBy: MembershipOrder,
        $status: [MembershipStatus!], $kind: ParticipantKind, $region: String) {
      coalition(slug: $slug) {
        memberships(first: $first, after: $after, orderBy: $orderBy, status: $status, kind: $kind, region: $region) {
          totalCount pageInfo { endCursor hasNextPage } nodes { ${MEMBERSHIP_ROW} }
        }
      }
    }`,
    { slug, ...query },
    signal,
  );
  if (!data.coalition) throw new RegistryRequestError(`No coalition "${slug}"`);
  return data.coalition.memberships;
}

const PAGE_LIMIT = 100;

/** The whole named roster, page by page (the map and the growth chart need every member). */
export async function fetchWholeRoster(slug: string, signal?: AbortSignal): Promise<MembershipRow[]> {
  const rows: MembershipRow[] = [];
  let after: string | null = null;
  do {
    const page: MembershipPage = await fetchMembershipPage(slug, { first: PAGE_LIMIT, after }, signal);
    rows.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return rows;
}

/** The roster's counts on each date, asked as one request with one aliased `stats(asOf:)` per date. */
export async function fetchStatsOn(slug: string, dates: string[], signal?: AbortSignal): Promise<CoalitionStats[]> {
  const variables = Object.fromEntries(dates.map((date, index) => [`d${index}`, date]));
  const declarations = dates.map((_, index) => `$d${index}: Date!`).join(', ');
  const selections = dates.map((_, index) => `s${index}: stats(asOf: $d${index}) { ${STATS} }`).join('\n');
  const data = await graphql<{ coalition: Record<string, CoalitionStats> | null }>(
    `query DashboardGrowth($slug: String!, ${declarations}) { coalition(slug: $slug) { ${selections} } }`,
    { slug, ...variables },
    signal,
  );
  if (!data.coalition) throw new RegistryRequestError(`No coalition "${slug}"`);
  const statsByAlias = data.coalition;
  return dates.map((_, index) => statsByAlias[`s${index}`]!);
}

export interface SearchMatch {
  participant: ParticipantSummary;
  /** Null when no source names the participant as invited to or part of this coalition. */
  membership: MembershipRow | null;
}

const SEARCH_LIMIT = 20;

/** Participants matching the text, each with its place in the coalition (or none). */
export async function searchMembers(slug: string, text: string, signal?: AbortSignal): Promise<SearchMatch[]> {
  const found = await graphql<{ searchParticipants: ParticipantSummary[] }>(
    `query DashboardSearch($text: String!, $first: Int!) { searchParticipants(text: $text, first: $first) { ${PARTICIPANT_SUMMARY} } }`,
    { text, first: SEARCH_LIMIT },
    signal,
  );
  const participants = found.searchParticipants;
  if (participants.length === 0) return [];
  const variables = Object.fromEntries(participants.map((participant, index) => [`p${index}`, participant.code]));
  const declarations = participants.map((_, index) => `$p${index}: String!`).join(', ');
  const selections = participants
    .map((_, index) => `m${index}: membership(coalition: $slug, participant: $p${index}) { ${MEMBERSHIP_ROW} }`)
    .join('\n');
  const memberships = await graphql<Record<string, MembershipRow | null>>(
    `query DashboardSearchMemberships($slug: String!, ${declarations}) { ${selections} }`,
    { slug, ...variables },
    signal,
  );
  return participants.map((participant, index) => ({ participant, membership: memberships[`m${index}`] ?? null }));
}

export interface MemberDetailAnswer {
  participant: ParticipantDetail | null;
  membership: MembershipDetail | null;
}

export async function fetchMemberDetail(slug: string, code: string, signal?: AbortSignal): Promise<MemberDetailAnswer> {
  return graphql<MemberDetailAnswer>(
    `query DashboardMember($slug: String!, $code: String!) {
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
    { slug, code },
    signal,
  );
}
