import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../common/graphql-context.js';
import { AddParticipantInput } from './dto/add-participant.input.js';
import { Participant, type ParticipantView } from './participant.model.js';
import { ParticipantWritesService } from './participant-writes.service.js';

@Resolver(() => Participant)
export class ParticipantMutationsResolver {
  constructor(private readonly writes: ParticipantWritesService) {}

  @Mutation(() => Participant, { description: 'Add an international organisation to the registry. Admin.' })
  addParticipant(
    @Context() context: GraphqlContext,
    @Args('input') input: AddParticipantInput,
  ): Promise<ParticipantView> {
    return this.writes.addParticipant(context, input);
  }
}
