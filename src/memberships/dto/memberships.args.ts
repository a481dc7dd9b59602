import { ArgsType, Field, Int } from '@nestjs/graphql';
import { DateScalar } from '../../common/date.scalar.js';
import { ParticipantKind } from '../../participants/participant-kind.js';
import { MembershipStatus } from '../membership-status.js';
import { MembershipOrder } from '../membership.model.js';

@ArgsType()
export class MembershipsArgs {
  @Field(() => [MembershipStatus], { nullable: true, description: 'Only these statuses (any, when absent).' })
  status?: MembershipStatus[] | null;

  @Field(() => ParticipantKind, { nullable: true, description: 'Only this kind of participant (both, when absent).' })
  kind?: ParticipantKind | null;

  @Field(() => String, { nullable: true, description: 'A region such as "Europe" or "Africa", any case.' })
  region?: string | null;

  @Field(() => Int, { defaultValue: 50, description: 'Page size: 1 to 100.' })
  first: number;

  @Field(() => String, {
    nullable: true,
    description: 'The endCursor of the previous page; the first page when absent.',
  })
  after?: string | null;

  @Field(() => MembershipOrder, {
    nullable: true,
    description: 'The sort order; by participant name, A to Z, when absent.',
  })
  orderBy?: MembershipOrder | null;

  @Field(() => DateScalar, { nullable: true, description: 'The roster as it stood on this date.' })
  asOf?: string | null;
}
