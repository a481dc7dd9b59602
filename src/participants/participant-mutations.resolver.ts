import { UsePipes } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { InputValidationPipe } from '../common/input-validation.js';
import { CurrentWriteRequest, type WriteRequest } from '../common/write-request.js';
import { AddParticipantInput } from './dto/add-participant.input.js';
import { Participant, type ParticipantView } from './participant.model.js';
import { ParticipantWritesService } from './participant-writes.service.js';

@UsePipes(InputValidationPipe)
@Resolver(() => Participant)
export class ParticipantMutationsResolver {
  constructor(private readonly writes: ParticipantWritesService) {}

  @Mutation(() => Participant, {
    description:
      'Add an international organisation to the registry (every ISO country is already there). Admin key only; audited; idempotent by Idempotency-Key.',
  })
  addParticipant(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'The organisation to add.' }) input: AddParticipantInput,
  ): Promise<ParticipantView> {
    return this.writes.addParticipant(write, input);
  }
}
