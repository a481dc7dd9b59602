import { bareRequest, dataOf, graphqlRequest, type Json, type Operation } from './operation.js';

/**
 * (4) A nested page: 50 memberships with their participant, history and first 5 commitments.
 */
interface Question {
  coalition: string;
}

const COMMITMENTS_SHOWN = 5;

const OURS = `query NestedPage($coalition: String!) {
  coalition(slug: $coalition) {
    memberships(first: 50, orderBy: { field: STATUS_SINCE, direction: ASC }) {
      nodes {
        status statusSince
        participant { code name }
        history { status effectiveOn }
        commitments(first: ${COMMITMENTS_SHOWN}) { title status madeOn }
      }
    }
  }
}`;

const POSTGRAPHILE = `query NestedPage($coalition: String!) {
  coalitionBySlug(slug: $coalition) {
    membershipsByCoalitionId(first: 50, orderBy: [STATUS_SINCE_ASC, ROW_ID_ASC]) {
      nodes {
        status statusSince
        participantByParticipantId { code name }
        membershipEventsByMembershipId(orderBy: [EFFECTIVE_ON_ASC, SEQUENCE_ASC]) { nodes { status effectiveOn } }
        commitmentsByMembershipId(first: ${COMMITMENTS_SHOWN}, orderBy: [MADE_ON_ASC, TITLE_ASC]) { nodes { title status madeOn } }
      }
    }
  }
}`;

export const nestedPage: Operation<Question> = {
  name: 'nested-page',

  questions({ coalitions }) {
    return coalitions.map((coalition) => ({ coalition }));
  },

  async request(system, question) {
    if (system === 'ours') return graphqlRequest(OURS, { ...question });
    if (system === 'postgraphile') return graphqlRequest(POSTGRAPHILE, { ...question });
    return bareRequest('nested-page', { ...question });
  },

  normalize(system, response) {
    const data = dataOf(response);
    if (system !== 'postgraphile') {
      return data.coalition.memberships.nodes;
    }
    return data.coalitionBySlug.membershipsByCoalitionId.nodes.map((node: Json) => ({
      status: node.status,
      statusSince: node.statusSince,
      participant: node.participantByParticipantId,
      history: node.membershipEventsByMembershipId.nodes,
      commitments: node.commitmentsByMembershipId.nodes,
    }));
  },
};
