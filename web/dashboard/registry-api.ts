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
import {
  DASHBOARD_OPERATIONS,
  GROWTH_SLOTS,
  padded,
  SEARCH_SLOTS,
  type DashboardOperationName,
} from './registry-operations';
import { authorizationHeaders } from '../session/api-key';
import { RegistryRequestError, type RegistryError } from '../session/graphql-client';

export { RegistryRequestError };

interface GraphqlAnswer<Data> {
  data?: Data;
  errors?: RegistryError[];
}

/** SHA-256 in hex, as Apollo's persisted queries name an operation; undefined off a secure context. */
async function sha256Of(text: string): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function exchange<Data>(request: Promise<Response>): Promise<{ response: Response; body: GraphqlAnswer<Data> }> {
  const response = await request;
  return { response, body: (await response.json().catch(() => ({}))) as GraphqlAnswer<Data> };
}

/**
 * The page talks to the service only through its public GraphQL API, like any other client, with
 * Apollo's automatic persisted queries: a GET naming the operation by its hash (which a CDN and the
 * browser can cache, and revalidate by ETag), and the whole operation only when the service does not
 * know the hash yet. Every operation is one of registry-operations.ts, so a service that runs only
 * registered operations knows them all.
 */
async function graphql<Data>(
  operationName: DashboardOperationName,
  variables: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<Data> {
  const query = DASHBOARD_OPERATIONS[operationName];
  const endpoint = new URL('graphql', document.baseURI);
  const sha256Hash = await sha256Of(query);
  const extensions = sha256Hash ? { persistedQuery: { version: 1, sha256Hash } } : undefined;
  let answer: { response: Response; body: GraphqlAnswer<Data> } | undefined;
  if (extensions) {
    const url = new URL(endpoint);
    url.searchParams.set('operationName', operationName);
    url.searchParams.set('variables', JSON.stringify(variables));
    url.searchParams.set('extensions', JSON.stringify(extensions));
    answer = await exchange<Data>(
      fetch(url, {
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true', ...authorizationHeaders() },
        signal,
      }),
    );
  }
  if (!answer || answer.body.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
    answer = await exchange<Data>(
      fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...authorizationHeaders() },
        body: JSON.stringify({ query, operationName, variables, extensions }),
        signal,
      }),
    );
  }
  const { response, body } = answer;
  if (body.errors?.length)
    throw new RegistryRequestError(body.errors.map((error) => error.message).join('; '), body.errors);
  if (!response.ok || !body.data) throw new RegistryRequestError(`The registry answered HTTP ${response.status}`);
  return body.data;
}

export async function fetchCoalitions(signal?: AbortSignal): Promise<CoalitionSummary[]> {
  const data = await graphql<{ coalitions: CoalitionSummary[] }>('DashboardCoalitions', {}, signal);
  return data.coalitions;
}

export async function fetchCoalitionOverview(slug: string, signal?: AbortSignal): Promise<CoalitionOverview | null> {
  const data = await graphql<{ coalition: CoalitionOverview | null }>('DashboardOverview', { slug }, signal);
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
    'DashboardMembers',
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
  const variables = Object.fromEntries(padded(dates, GROWTH_SLOTS).map((date, index) => [`d${index}`, date]));
  const data = await graphql<{ coalition: Record<string, CoalitionStats> | null }>(
    'DashboardGrowth',
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

const SEARCH_LIMIT = SEARCH_SLOTS;

/** Participants matching the text, each with its place in the coalition (or none). */
export async function searchMembers(slug: string, text: string, signal?: AbortSignal): Promise<SearchMatch[]> {
  const found = await graphql<{ searchParticipants: ParticipantSummary[] }>(
    'DashboardSearch',
    { text, first: SEARCH_LIMIT },
    signal,
  );
  const participants = found.searchParticipants;
  if (participants.length === 0) return [];
  const codes = padded(
    participants.map((participant) => participant.code),
    SEARCH_SLOTS,
  );
  const variables = Object.fromEntries(codes.map((code, index) => [`p${index}`, code]));
  const memberships = await graphql<Record<string, MembershipRow | null>>(
    'DashboardSearchMemberships',
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
  return graphql<MemberDetailAnswer>('DashboardMember', { slug, code }, signal);
}
