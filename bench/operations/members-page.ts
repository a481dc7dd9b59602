import type { ApiName } from '../bench-options.js';
import {
  bareRequest,
  dataOf,
  graphqlRequest,
  type Ask,
  type Json,
  type Operation,
  type PreparedRequest,
} from './operation.js';

/**
 * (2) The second page of a coalition's committed members in a region. Ordered by statusSince (with
 * the id to break ties): an order all three systems offer, so their pages can be compared. The
 * cursor comes from each system's own first page of 5.
 */
interface Question {
  coalition: string;
  region: string;
}

const FIRST_PAGE = 5;
const PAGE = 50;

const OURS = `query MembersPage($coalition: String!, $region: String!, $first: Int!, $after: String) {
  coalition(slug: $coalition) {
    memberships(first: $first, after: $after, status: [COMMITTED], region: $region,
                orderBy: { field: STATUS_SINCE, direction: ASC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { status statusSince participant { code name ... on Country { region } } }
    }
  }
}`;

const POSTGRAPHILE = `query MembersPage($coalition: String!, $region: String!, $first: Int!, $after: Cursor) {
  coalitionBySlug(slug: $coalition) {
    membershipsByCoalitionId(first: $first, after: $after, orderBy: [STATUS_SINCE_ASC, ROW_ID_ASC],
                             condition: { status: "COMMITTED" },
                             filter: { participantByParticipantId: { region: { equalTo: $region } } }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { status statusSince participantByParticipantId { code name region } }
    }
  }
}`;

function page(system: ApiName, question: Question, first: number, after: string | null): PreparedRequest {
  if (system === 'ours') return graphqlRequest(OURS, { ...question, first, after });
  if (system === 'postgraphile') return graphqlRequest(POSTGRAPHILE, { ...question, first, after });
  return bareRequest('members-page', { ...question, status: ['COMMITTED'], first, after });
}

function connectionOf(system: ApiName, response: Json): Json {
  const data = dataOf(response);
  return system === 'postgraphile' ? data.coalitionBySlug.membershipsByCoalitionId : data.coalition.memberships;
}

export const membersPage: Operation<Question> = {
  name: 'members-page',

  questions({ coalitions, largeRegions }) {
    return coalitions.slice(0, 8).flatMap((coalition) => largeRegions.map((region) => ({ coalition, region })));
  },

  async request(system, question, ask: Ask) {
    const first = connectionOf(system, await ask(page(system, question, FIRST_PAGE, null)));
    return page(system, question, PAGE, first.pageInfo.endCursor);
  },

  normalize(system, response) {
    const connection = connectionOf(system, response);
    return {
      totalCount: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
      nodes: connection.nodes.map((node: Json) => ({
        status: node.status,
        statusSince: node.statusSince,
        participant: system === 'postgraphile' ? node.participantByParticipantId : node.participant,
      })),
    };
  },
};
