import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../common/date.scalar.js';
import { LineOfEffort } from '../common/line-of-effort.js';
import type { Source } from '../sources/source.model.js';
import { CommitmentStatus } from './commitment-status.js';

@ObjectType('Commitment', { description: 'What a member undertook to do.' })
export class Commitment {
  @Field(() => ID, { description: 'Opaque identifier; updateCommitmentStatus takes it.' })
  id: string;

  membershipId: string;

  @Field({ description: 'What was undertaken, in a line.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'The undertaking in more detail; null if none recorded.' })
  description: string | null;

  @Field(() => LineOfEffort, { nullable: true, description: 'Null when the pledge spans all three lines of effort.' })
  lineOfEffort: LineOfEffort | null;

  @Field(() => CommitmentStatus, { description: 'How far the commitment has come.' })
  status: CommitmentStatus;

  @Field(() => DateScalar, { description: 'The date the commitment was made (see isAttested).' })
  madeOn: string;

  @Field({ description: 'True when madeOn is the date a source shows the commitment; it may have been made earlier.' })
  isAttested: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'What the record adds, e.g. about the latest status change; null if nothing.',
  })
  note: string | null;

  @Field(() => Int, { description: 'Pass as expectedVersion when changing this commitment.' })
  version: number;

  /** Set when the commitment was retracted; the resolver gives them as `retraction`. */
  retractedAt: Date | null;
  retractedBy: string | null;
  retractionReason: string | null;

  /** Loaded with the commitment when a membership's list is read; the resolver falls back to a loader. */
  sources?: Source[];
}
