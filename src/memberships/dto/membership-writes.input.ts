import { Field, InputType, Int } from '@nestjs/graphql';
import { DateScalar } from '../../common/date.scalar.js';
import { SourceInput } from '../../sources/source.input.js';
import { MembershipStatus } from '../membership-status.js';

@InputType()
export class RecordInvitationInput {
  @Field({ description: "The coalition's slug." })
  coalition: string;

  @Field({ description: 'ISO alpha-2 or alpha-3 code, or an organisation acronym.' })
  participant: string;

  @Field(() => DateScalar)
  invitedOn: string;

  @Field(() => SourceInput, { nullable: true })
  source?: SourceInput | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class ChangeMembershipStatusInput {
  @Field()
  coalition: string;

  @Field()
  participant: string;

  @Field(() => MembershipStatus)
  status: MembershipStatus;

  @Field(() => DateScalar)
  effectiveOn: string;

  @Field(() => Int, { description: "The membership's version as you read it; a different one is a CONFLICT." })
  expectedVersion: number;

  @Field(() => SourceInput)
  source: SourceInput;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
