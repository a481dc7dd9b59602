import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { DateScalar } from '../../common/date.scalar.js';
import { INPUT_LIMITS } from '../../common/input-rules.js';
import { OptionalText, RequiredText } from '../../common/input-validation.js';
import { LineOfEffort } from '../../common/line-of-effort.js';
import { SourceInput } from '../../sources/source.input.js';
import { CommitmentStatus } from '../commitment-status.js';

@InputType({ description: 'A commitment to record for a COMMITTED member, with the source that shows it.' })
export class RecordCommitmentInput {
  @Field({ description: "The coalition's slug." })
  coalition: string;

  @Field({ description: 'The committed member: ISO code or organisation acronym.' })
  participant: string;

  @RequiredText(INPUT_LIMITS.commitmentTitle)
  @Field({ description: `What was undertaken, in a line; at most ${INPUT_LIMITS.commitmentTitle} characters.` })
  title: string;

  @OptionalText(INPUT_LIMITS.commitmentDescription)
  @Field(() => String, {
    nullable: true,
    description: `The undertaking in more detail; at most ${INPUT_LIMITS.commitmentDescription} characters.`,
  })
  description?: string | null;

  @Field(() => LineOfEffort, { nullable: true, description: 'Leave out when the pledge spans all lines of effort.' })
  lineOfEffort?: LineOfEffort | null;

  @Field(() => DateScalar, {
    description: 'The date it was made; not in the future, nor before the member became COMMITTED.',
  })
  madeOn: string;

  @Field(() => CommitmentStatus, {
    defaultValue: CommitmentStatus.PLEDGED,
    description: 'Its status when recorded; PLEDGED when absent.',
  })
  status: CommitmentStatus;

  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput, { description: 'The source that shows the commitment (required).' })
  source: SourceInput;
}

@InputType({ description: "A change of a commitment's status, with the source that shows it." })
export class UpdateCommitmentStatusInput {
  @Field(() => ID, { description: "The commitment's id." })
  id: string;

  @Field(() => CommitmentStatus, { description: 'The new status; it must be allowed after the current one.' })
  status: CommitmentStatus;

  @Field(() => Int, { description: "The commitment's version as you read it; a different one is a CONFLICT." })
  expectedVersion: number;

  @OptionalText(INPUT_LIMITS.note)
  @Field(() => String, {
    nullable: true,
    description: `Replaces the commitment's note when given; at most ${INPUT_LIMITS.note} characters.`,
  })
  note?: string | null;

  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput, { description: 'The source that shows the new status (required).' })
  source: SourceInput;
}

@InputType({
  description:
    'Withdraw a commitment from the record: it leaves the lists and counts, and stays readable by id with the reason.',
})
export class RetractCommitmentInput {
  @Field(() => ID, { description: "The commitment's id." })
  id: string;

  @RequiredText(INPUT_LIMITS.retractionReason)
  @Field({ description: 'Why the commitment is withdrawn, for every reader of the record.' })
  reason: string;

  @Field(() => Int, { description: "The commitment's version as you read it; a different one is a CONFLICT." })
  expectedVersion: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput, { nullable: true, description: 'On whose word the commitment is withdrawn, if any.' })
  source?: SourceInput | null;
}
