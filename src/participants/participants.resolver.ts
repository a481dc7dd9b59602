import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { pagedListCost } from '../common/query-limits.js';
import { Participant, type ParticipantView } from './participant.model.js';
import { ParticipantsService } from './participants.service.js';

@Resolver(() => Participant)
export class ParticipantsResolver {
  constructor(private readonly participants: ParticipantsService) {}

  @Query(() => Participant, {
    nullable: true,
    description:
      'A country by ISO alpha-2 or alpha-3 code, or an organisation by acronym, in any case; null if unknown.',
  })
  participant(@Args('code') code: string): Promise<ParticipantView | null> {
    return this.participants.findByCode(code);
  }

  @Query(() => [Participant], {
    complexity: pagedListCost(20),
    description: 'Participants whose name, code or alias contains the text (case- and accent-insensitive).',
  })
  searchParticipants(
    @Args('text') text: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<ParticipantView[]> {
    return this.participants.search(text, first);
  }
}
