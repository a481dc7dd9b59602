import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { DateScalar } from '../../common/date.scalar.js';
import { INPUT_LIMITS } from '../../common/input-rules.js';
import { OptionalText } from '../../common/input-validation.js';
import { SourceInput } from '../../sources/source.input.js';
import { MembershipStatus } from '../membership-status.js';

@InputType({
  description: 'An invitation to record: it creates the membership, or re-invites after DECLINED or WITHDRAWN.',
})
export class RecordInvitationInput {
  @Field({ description: "The coalition's slug." })
  coalition: string;

  @Field({ description: 'ISO alpha-2 or alpha-3 code, or an organisation acronym.' })
  participant: string;

  @Field(() => DateScalar, {
    description: 'The date of the invitation; not in the future (nor, for a re-invitation, before the current status).',
  })
  invitedOn: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput, { nullable: true, description: 'The source that shows the invitation, when there is one.' })
  source?: SourceInput | null;

  @OptionalText(INPUT_LIMITS.note)
  @Field(() => String, {
    nullable: true,
    description: `A note for the history that also becomes the membership's note; at most ${INPUT_LIMITS.note} characters.`,
  })
  note?: string | null;
}

@InputType({ description: 'A change of status to record, e.g. INVITED to COMMITTED, with the source that shows it.' })
export class ChangeMembershipStatusInput {
  @Field({ description: "The coalition's slug." })
  coalition: string;

  @Field({ description: 'ISO alpha-2 or alpha-3 code, or an organisation acronym.' })
  participant: string;

  @Field(() => MembershipStatus, {
    description:
      'The new status; it must be allowed after the current one (INVITED to COMMITTED or DECLINED; COMMITTED to WITHDRAWN; DECLINED or WITHDRAWN to INVITED).',
  })
  status: MembershipStatus;

  @Field(() => DateScalar, {
    description: 'The date the new status took effect; not in the future, nor before the current status began.',
  })
  effectiveOn: string;

  @Field(() => Int, { description: "The membership's version as you read it; a different one is a CONFLICT." })
  expectedVersion: number;

  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput, { description: 'The source that shows the change (required).' })
  source: SourceInput;

  @OptionalText(INPUT_LIMITS.note)
  @Field(() => String, {
    nullable: true,
    description: `A note for the history, at most ${INPUT_LIMITS.note} characters.`,
  })
  note?: string | null;
}
