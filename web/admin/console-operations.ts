/**
 * Every operation the console sends, as fixed documents: the build registers each one in the persisted
 * query manifest (scripts/persisted-queries.mjs), so the console still works where only registered
 * operations run (PERSISTED_QUERIES_ONLY). What changes from one request to the next travels in the
 * variables, never in the text. This file imports nothing, so the build script can load it on its own.
 */
const MEMBERSHIP_STATE = `status statusSince version participant { code name }
  commitments(first: 100) { id title status madeOn version }`;

export const CONSOLE_QUERIES = {
  ConsoleCoalitions: 'query ConsoleCoalitions { coalitions { slug name } }',
  ConsoleMembership: `query ConsoleMembership($coalition: String!, $participant: String!) {
      membership(coalition: $coalition, participant: $participant) { ${MEMBERSHIP_STATE} } }`,
  ConsoleAudit: `query ConsoleAudit($first: Int!, $after: String, $actor: String, $operation: String,
        $since: DateTimeISO, $until: DateTimeISO) {
      auditLog(first: $first, after: $after, actor: $actor, operation: $operation, since: $since, until: $until) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id at actor role operation after }
      }
    }`,
} as const;

/** The console's writes, by the mutation field each one runs (the answer's data is under that name). */
export const CONSOLE_MUTATIONS = {
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
} as const;

export type ConsoleMutationField = keyof typeof CONSOLE_MUTATIONS;
