import type { GraphiQLProps } from 'graphiql';

type ExampleTab = NonNullable<GraphiQLProps['defaultTabs']>[number];

/**
 * The tabs a first-time visitor sees: what a diplomat, the dashboard and an administrator would ask.
 * GraphiQL names each tab after its operation, so the names say who the example is for.
 */
export const EXAMPLE_OPERATIONS: ExampleTab[] = [
  {
    query: `# A diplomat's question: is Türkiye part of the
# coalition, since when, on whose word, and what
# has it committed to do?
# A null membership means no source names Türkiye
# as invited or participating; the reported
# headcounts (see the next tab) may still include it.
query DiplomatTurkiyeMembership {
  participant(code: "TR") {
    name
    aliases
  }
  membership(coalition: "synthetic-drug-threats", participant: "TR") {
    status
    isParticipating
    statusSince
    history {
      effectiveOn
      status
      sources { title url publisher }
    }
    commitments {
      title
      status
      madeOn
      sources { title url }
    }
  }
}
`,
  },
  {
    query: `# What the dashboard at / asks: the counts of the
# named roster beside the headcounts sources reported
# (which name no one), and one page of members.
query DashboardStatsAndMembers($slug: String!, $first: Int!, $after: String) {
  coalition(slug: $slug) {
    name
    rosterNote
    reportedFigures {
      reportedOn
      countries
      organizations
      wording
      sources { title url }
    }
    stats {
      asOf
      total
      committed
      invitedNotParticipating
      byKind { kind committed }
    }
    memberships(first: $first, after: $after, orderBy: { field: STATUS_SINCE, direction: ASC }) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes {
        status
        isParticipating
        statusSince
        participant { code name }
      }
    }
  }
}
`,
    variables: JSON.stringify({ slug: 'synthetic-drug-threats', first: 10 }, null, 2),
  },
  {
    query: `# NEEDS AN ADMIN KEY.
# An example document only: the registry has no
# recordInvitation mutation yet, so running this
# today answers with a validation error. Once it
# exists, put your admin key in the Headers tab below
# ("Authorization": "Bearer <admin key>") and
# replace the placeholders in Variables.
mutation AdminRecordInvitationNeedsAdminKey($input: RecordInvitationInput!) {
  recordInvitation(input: $input) {
    id
    status
    statusSince
    version
  }
}
`,
    variables: JSON.stringify(
      {
        input: {
          coalition: 'synthetic-drug-threats',
          participant: 'KE',
          invitedOn: '2024-09-24',
          sourceIds: ['<source id>'],
        },
      },
      null,
      2,
    ),
    headers: JSON.stringify({ Authorization: 'Bearer <admin key>' }, null, 2),
  },
];
