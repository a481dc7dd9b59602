import { bareRequest, dataOf, graphqlRequest, type Json, type Operation } from './operation.js';

/** (1) A diplomat asks: is this country in that coalition, since when, and on whose word? */
interface Question {
  coalition: string;
  participant: string;
}

const OURS = `query DiplomatLookup($coalition: String!, $participant: String!) {
  membership(coalition: $coalition, participant: $participant) {
    status statusSince
    history { status effectiveOn sources { title url } }
  }
}`;

const POSTGRAPHILE = `query DiplomatLookup($coalition: String!, $participant: String!) {
  coalitionBySlug(slug: $coalition) {
    membershipsByCoalitionId(first: 1, filter: { participantByParticipantId: { code: { equalTo: $participant } } }) {
      nodes {
        status statusSince
        membershipEventsByMembershipId(orderBy: [EFFECTIVE_ON_ASC, SEQUENCE_ASC]) {
          nodes {
            status effectiveOn
            citationsByMembershipEventId(orderBy: PRIMARY_KEY_ASC) { nodes { sourceBySourceId { title url } } }
          }
        }
      }
    }
  }
}`;

export const diplomatLookup: Operation<Question> = {
  name: 'diplomat-lookup',

  questions({ coalitions, participantCodes }) {
    const count = Math.min(2000, coalitions.length * participantCodes.length);
    return Array.from({ length: count }, (_, i) => ({
      coalition: coalitions[Math.floor(i / participantCodes.length) % coalitions.length]!,
      participant: participantCodes[i % participantCodes.length]!,
    }));
  },

  async request(system, question) {
    if (system === 'ours') return graphqlRequest(OURS, { ...question });
    if (system === 'postgraphile') return graphqlRequest(POSTGRAPHILE, { ...question });
    return bareRequest('diplomat-lookup', { ...question });
  },

  normalize(system, response) {
    const data = dataOf(response);
    if (system !== 'postgraphile') return data.membership;
    const membership = data.coalitionBySlug?.membershipsByCoalitionId.nodes[0];
    if (!membership) return null;
    return {
      status: membership.status,
      statusSince: membership.statusSince,
      history: membership.membershipEventsByMembershipId.nodes.map((event: Json) => ({
        status: event.status,
        effectiveOn: event.effectiveOn,
        sources: event.citationsByMembershipEventId.nodes.map((citation: Json) => citation.sourceBySourceId),
      })),
    };
  },
};
