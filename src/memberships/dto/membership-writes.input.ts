import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { DateScalar } from '../../common/date.scalar.js';
import { INPUT_LIMITS } from '../../common/input-rules.js';
import { OptionalText } from '../../common/input-validation.js';
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

  @IsOptional()
  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput, { nullable: true })
  source?: SourceInput | null;

  @OptionalText(INPUT_LIMITS.note)
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

  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput)
  source: SourceInput;

  @OptionalText(INPUT_LIMITS.note)
  @Field(() => String, { nullable: true })
  note?: string | null;
}
