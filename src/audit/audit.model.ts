import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTimeISO, GraphQLJSON } from 'graphql-scalars';
import { Paginated } from '../common/pagination.js';

@ObjectType('AuditEntry', { description: 'One recorded write: who, when, what, and the data before and after.' })
export class AuditEntry {
  @Field(() => ID, { description: 'Opaque identifier of this entry.' })
  id: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When the write was committed (UTC).' })
  at: Date;

  @Field({
    description: 'The name of the API key that wrote (never the key itself), "seed", or "cli:<user>" for the key tool.',
  })
  actor: string;

  @Field({
    description: 'The role the writer had: ADMIN for an API key, SYSTEM for the seed and the command-line tools.',
  })
  role: string;

  @Field({
    description: 'What was done, e.g. "changeMembershipStatus" (a mutation), "importRoster", "createApiKey".',
  })
  operation: string;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The record as it was before the write; null for a creation.',
  })
  before: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The record as the write left it.' })
  after: unknown;
}

export const AuditEntryConnection = Paginated(AuditEntry, 'AuditEntry');

@ArgsType()
export class AuditLogArgs {
  @Field(() => Int, { defaultValue: 50, description: 'Page size: 1 to 100.' })
  first: number;

  @Field(() => String, {
    nullable: true,
    description: 'The endCursor of the previous page; the first page when absent.',
  })
  after?: string | null;

  @Field(() => String, { nullable: true, description: 'Only entries written by the key of this name.' })
  actor?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only entries of this operation, e.g. "recordCommitment" or "importRoster".',
  })
  operation?: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Only entries at or after this instant.' })
  since?: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Only entries before this instant.' })
  until?: Date | null;
}
