import { UsePipes } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { InputValidationPipe } from '../common/input-validation.js';
import { CurrentWriteRequest, type WriteRequest } from '../common/write-request.js';
import { Commitment } from './commitment.model.js';
import { CommitmentWritesService } from './commitment-writes.service.js';
import {
  RecordCommitmentInput,
  RetractCommitmentInput,
  UpdateCommitmentStatusInput,
} from './dto/commitment-writes.input.js';

@UsePipes(InputValidationPipe)
@Resolver(() => Commitment)
export class CommitmentMutationsResolver {
  constructor(private readonly writes: CommitmentWritesService) {}

  @Mutation(() => Commitment, {
    description:
      'Record what a COMMITTED member undertook, with its source. Admin key only; audited; idempotent by Idempotency-Key.',
  })
  recordCommitment(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'The commitment: which member, what, when, on whose word.' })
    input: RecordCommitmentInput,
  ): Promise<Commitment> {
    return this.writes.recordCommitment(write, input);
  }

  @Mutation(() => Commitment, {
    description:
      'Move a commitment to a new status, with its source. Admin key only; audited; idempotent by Idempotency-Key.',
  })
  updateCommitmentStatus(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'The change: which commitment, the new status, on whose word.' })
    input: UpdateCommitmentStatusInput,
  ): Promise<Commitment> {
    return this.writes.updateStatus(write, input);
  }

  @Mutation(() => Commitment, {
    description:
      'Withdraw a commitment from the record, with the reason: it leaves `commitments` and the counts, and stays readable by id (Query.commitment) with its retraction. Admin.',
  })
  retractCommitment(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'Which commitment, why it no longer counts, and its version last read.' })
    input: RetractCommitmentInput,
  ): Promise<Commitment> {
    return this.writes.retract(write, input);
  }
}
