import { graphql } from '../session/graphql-client';

/** The console's reads and writes, each a GraphQL document of the public API. */

export interface MembershipState {
  status: string;
  statusSince: string;
  version: number;
  participant: { code: string; name: string };
  commitments: CommitmentState[];
}

export interface CommitmentState {
  id: string;
  title: string;
  status: string;
  madeOn: string;
  version: number;
}

const MEMBERSHIP = `status statusSince version participant { code name }
  commitments(first: 100) { id title status madeOn version }`;

export async function fetchMembership(coalition: string, participant: string): Promise<MembershipState | null> {
  const data = await graphql<{ membership: MembershipState | null }>(
    `query ConsoleMembership($coalition: String!, $participant: String!) {
      membership(coalition: $coalition, participant: $participant) { ${MEMBERSHIP} } }`,
    { coalition, participant },
  );
  return data.membership;
}

export async function fetchCoalitionSlugs(): Promise<Array<{ slug: string; name: string }>> {
  const data = await graphql<{ coalitions: Array<{ slug: string; name: string }> }>(
    'query ConsoleCoalitions { coalitions { slug name } }',
    {},
  );
  return data.coalitions;
}

/** A write: its document, its input and the Idempotency-Key of this intended write. */
export async function write<Result>(
  document: string,
  field: string,
  input: Record<string, unknown>,
  idempotencyKey: string,
): Promise<Result> {
  const data = await graphql<Record<string, Result>>(
    document,
    { input },
    {
      headers: { 'idempotency-key': idempotencyKey },
    },
  );
  return data[field];
}

export const MUTATIONS = {
  recordInvitation: `mutation ConsoleInvite($input: RecordInvitationInput!) {
    recordInvitation(input: $input) { participant { code name } status statusSince version } }`,
  changeMembershipStatus: `mutation ConsoleChangeStatus($input: ChangeMembershipStatusInput!) {
    changeMembershipStatus(input: $input) { participant { code name } status statusSince version } }`,
  recordCommitment: `mutation ConsoleRecordCommitment($input: RecordCommitmentInput!) {
    recordCommitment(input: $input) { id title status madeOn lineOfEffort version } }`,
  updateCommitmentStatus: `mutation ConsoleCommitmentStatus($input: UpdateCommitmentStatusInput!) {
    updateCommitmentStatus(input: $input) { id title status madeOn version } }`,
  addParticipant: `mutation ConsoleAddParticipant($input: AddParticipantInput!) {
    addParticipant(input: $input) { code name kind } }`,
  importRoster: `mutation ConsoleImportRoster($input: ImportRosterInput!) {
    importRoster(input: $input) { isDryRun isApplied created changed unchanged
      lines { line participant outcome message } } }`,
};

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  role: string;
  operation: string;
  after: unknown;
}

export interface AuditFilter {
  actor: string;
  operation: string;
  since: string;
  until: string;
}

export async function fetchAuditPage(
  filter: AuditFilter,
  after: string | null,
): Promise<{ totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: AuditEntry[] }> {
  const dayStart = (date: string) => (date ? `${date}T00:00:00Z` : null);
  const dayAfter = (date: string) =>
    date ? new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString() : null;
  const data = await graphql<{ auditLog: Awaited<ReturnType<typeof fetchAuditPage>> }>(
    `
      query ConsoleAudit(
        $first: Int!
        $after: String
        $actor: String
        $operation: String
        $since: DateTimeISO
        $until: DateTimeISO
      ) {
        auditLog(first: $first, after: $after, actor: $actor, operation: $operation, since: $since, until: $until) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            id
            at
            actor
            role
            operation
            after
          }
        }
      }
    `,
    {
      first: 20,
      after,
      actor: filter.actor.trim() || null,
      operation: filter.operation.trim() || null,
      since: dayStart(filter.since),
      until: dayAfter(filter.until),
    },
  );
  return data.auditLog;
}
