import { UsePipes } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { InputValidationPipe } from '../common/input-validation.js';
import { CurrentWriteRequest, type WriteRequest } from '../common/write-request.js';
import { AddParticipantInput } from './dto/add-participant.input.js';
import { UpdateParticipantInput } from './dto/update-participant.input.js';
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

  @Mutation(() => Participant, {
    description:
      "Rename a participant or replace its aliases (e.g. a country's former name). A country so changed keeps these words over the ISO catalog's. Admin.",
  })
  updateParticipant(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'Which participant, the version you read, and the new name or aliases.' })
    input: UpdateParticipantInput,
  ): Promise<ParticipantView> {
    return this.writes.updateParticipant(write, input);
  }
}
