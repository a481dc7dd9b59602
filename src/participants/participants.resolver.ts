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
  participant(
    @Args('code', { description: 'ISO alpha-2 or alpha-3 code (e.g. "NL", "NLD"), or an organisation acronym.' })
    code: string,
  ): Promise<ParticipantView | null> {
    return this.participants.findByCode(code);
  }

  @Query(() => [Participant], {
    complexity: pagedListCost(20),
    description: 'Participants whose name, code or alias contains the text (case- and accent-insensitive).',
  })
  searchParticipants(
    @Args('text', { description: 'The text to look for, at most 200 characters, e.g. "turk" or "Côte".' }) text: string,
    @Args('first', { type: () => Int, defaultValue: 20, description: 'At most this many, closest first: 1 to 100.' })
    first: number,
  ): Promise<ParticipantView[]> {
    return this.participants.search(text, first);
  }
}
