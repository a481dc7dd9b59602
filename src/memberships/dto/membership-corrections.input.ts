import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { DatePrecision } from '../../common/date-precision.js';
import { DateScalar } from '../../common/date.scalar.js';
import { INPUT_LIMITS } from '../../common/input-rules.js';
import { OptionalText, RequiredText } from '../../common/input-validation.js';
import { SourceInput } from '../../sources/source.input.js';
import { MembershipStatus } from '../membership-status.js';

@InputType({
  description: 'Withdraw one event from a membership history: it stays on record, retracted, with the reason.',
})
export class RetractMembershipEventInput {
  @Field(() => ID, { description: "The event's id (MembershipEvent.id)." })
  id: string;

  @RequiredText(INPUT_LIMITS.retractionReason)
  @Field({ description: 'Why the event is withdrawn, for every reader of the history.' })
  reason: string;

  @Field(() => Int, { description: "The membership's version as you read it; a different one is a CONFLICT." })
  expectedVersion: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput, { nullable: true, description: 'On whose word the event is withdrawn, if any.' })
  source?: SourceInput | null;
}

@InputType({
  description:
    'Replace one event of a membership history by a corrected one: the old event stays on record, retracted with the reason; each field left out is kept from it.',
})
export class CorrectMembershipEventInput {
  @Field(() => ID, { description: 'The id of the event to correct (MembershipEvent.id).' })
  id: string;

  @RequiredText(INPUT_LIMITS.retractionReason)
  @Field({ description: 'Why the event is corrected, for every reader of the history.' })
  reason: string;

  @Field(() => Int, { description: "The membership's version as you read it; a different one is a CONFLICT." })
  expectedVersion: number;

  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput, { description: 'The source for the corrected event.' })
  source: SourceInput;

  @Field(() => DateScalar, { nullable: true, description: 'The corrected date; the old one when left out.' })
  effectiveOn?: string | null;

  @Field(() => DatePrecision, {
    nullable: true,
    description: "How exactly the source dates it: DAY or MONTH (the old event's when the date is kept, else DAY).",
  })
  effectiveOnPrecision?: DatePrecision | null;

  @Field(() => MembershipStatus, { nullable: true, description: 'The corrected status; the old one when left out.' })
  status?: MembershipStatus | null;

  @OptionalText(INPUT_LIMITS.note)
  @Field(() => String, { nullable: true, description: "The corrected event's note; the old one when left out." })
  note?: string | null;
}
