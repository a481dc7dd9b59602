import { graphql } from '../session/graphql-client';
import { CONSOLE_MUTATIONS, CONSOLE_QUERIES, type ConsoleMutationField } from './console-operations';

/** The console's reads and writes, each one of the fixed documents of console-operations.ts. */

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

export async function fetchMembership(coalition: string, participant: string): Promise<MembershipState | null> {
  const data = await graphql<{ membership: MembershipState | null }>(CONSOLE_QUERIES.ConsoleMembership, {
    coalition,
    participant,
  });
  return data.membership;
}

export async function fetchCoalitionSlugs(): Promise<Array<{ slug: string; name: string }>> {
  const data = await graphql<{ coalitions: Array<{ slug: string; name: string }> }>(
    CONSOLE_QUERIES.ConsoleCoalitions,
    {},
  );
  return data.coalitions;
}

/** A write: the mutation field it runs, its input and the Idempotency-Key of this intended write. */
export async function write<Result>(
  field: ConsoleMutationField,
  input: Record<string, unknown>,
  idempotencyKey: string,
): Promise<Result> {
  const data = await graphql<Record<string, Result>>(
    CONSOLE_MUTATIONS[field],
    { input },
    {
      headers: { 'idempotency-key': idempotencyKey },
    },
  );
  return data[field];
}

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
  const data = await graphql<{ auditLog: Awaited<ReturnType<typeof fetchAuditPage>> }>(CONSOLE_QUERIES.ConsoleAudit, {
    first: 20,
    after,
    actor: filter.actor.trim() || null,
    operation: filter.operation.trim() || null,
    since: dayStart(filter.since),
    until: dayAfter(filter.until),
  });
  return data.auditLog;
}
