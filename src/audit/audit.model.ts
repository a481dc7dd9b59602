import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTimeISO, GraphQLJSON } from 'graphql-scalars';
import { Paginated } from '../common/pagination.js';

@ObjectType('AuditEntry', { description: 'One recorded write: who, when, what, and the data before and after.' })
export class AuditEntry {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLDateTimeISO)
  at: Date;

  @Field({ description: 'The name of the API key that wrote (never the key itself).' })
  actor: string;

  @Field()
  role: string;

  @Field()
  operation: string;

  @Field(() => GraphQLJSON, { nullable: true })
  before: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  after: unknown;
}

export const AuditEntryConnection = Paginated(AuditEntry, 'AuditEntry');

@ArgsType()
export class AuditLogArgs {
  @Field(() => Int, { defaultValue: 50, description: '1 to 100.' })
  first: number;

  @Field(() => String, { nullable: true })
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
