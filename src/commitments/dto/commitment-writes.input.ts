import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { DateScalar } from '../../common/date.scalar.js';
import { LineOfEffort } from '../../common/line-of-effort.js';
import { SourceInput } from '../../sources/source.input.js';
import { CommitmentStatus } from '../commitment-status.js';

@InputType()
export class RecordCommitmentInput {
  @Field()
  coalition: string;

  @Field({ description: 'The committed member: ISO code or organisation acronym.' })
  participant: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => LineOfEffort, { nullable: true, description: 'Leave out when the pledge spans all lines of effort.' })
  lineOfEffort?: LineOfEffort | null;

  @Field(() => DateScalar)
  madeOn: string;

  @Field(() => CommitmentStatus, { defaultValue: CommitmentStatus.PLEDGED })
  status: CommitmentStatus;

  @Field(() => SourceInput)
  source: SourceInput;
}

@InputType()
export class UpdateCommitmentStatusInput {
  @Field(() => ID)
  id: string;

  @Field(() => CommitmentStatus)
  status: CommitmentStatus;

  @Field(() => Int, { description: "The commitment's version as you read it; a different one is a CONFLICT." })
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => SourceInput)
  source: SourceInput;
}
