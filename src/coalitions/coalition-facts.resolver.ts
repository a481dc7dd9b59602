import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../common/graphql-context.js';
import { unpagedListCost } from '../common/query-limits.js';
import { Participant, type ParticipantView } from '../participants/participant.model.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { Source } from '../sources/source.model.js';
import { SourcesService } from '../sources/sources.service.js';
import { CoalitionEvent, Engagement, LineOfEffortGroup, ReportedFigure } from './coalition.model.js';

/** The `sources` of each kind of coalition-level fact: every fact answers "on whose word?". */
@Resolver(() => ReportedFigure)
export class ReportedFigureResolver {
  constructor(private readonly sourcesService: SourcesService) {}

  @ResolveField(() => [Source], { complexity: unpagedListCost, description: 'The sources that report this figure.' })
  sources(@Parent() figure: ReportedFigure, @Context() context: GraphqlContext): Promise<Source[]> {
    return this.sourcesService.citedFor(context.loaders, 'reported_figure', figure.id);
  }
}

@Resolver(() => CoalitionEvent)
export class CoalitionEventResolver {
  constructor(private readonly sourcesService: SourcesService) {}

  @ResolveField(() => [Source], { complexity: unpagedListCost, description: 'The sources that attest this event.' })
  sources(@Parent() event: CoalitionEvent, @Context() context: GraphqlContext): Promise<Source[]> {
    return this.sourcesService.citedFor(context.loaders, 'coalition_event', event.id);
  }
}

@Resolver(() => LineOfEffortGroup)
export class LineOfEffortResolver {
  constructor(private readonly sourcesService: SourcesService) {}

  @ResolveField(() => [Source], {
    complexity: unpagedListCost,
    description: 'The sources that describe this line of effort and its working group.',
  })
  sources(@Parent() line: LineOfEffortGroup, @Context() context: GraphqlContext): Promise<Source[]> {
    return this.sourcesService.citedFor(context.loaders, 'line_of_effort', line.id);
  }
}

@Resolver(() => Engagement)
export class EngagementResolver {
  constructor(
    private readonly sourcesService: SourcesService,
    private readonly participants: ParticipantsService,
  ) {}

  @ResolveField(() => Participant, {
    description: 'The country or organisation seen working with the coalition (not a confirmed member).',
  })
  participant(@Parent() engagement: Engagement, @Context() context: GraphqlContext): Promise<ParticipantView> {
    return this.participants.load(context.loaders, engagement.participantId);
  }

  @ResolveField(() => [Source], { complexity: unpagedListCost, description: 'The sources that show this engagement.' })
  sources(@Parent() engagement: Engagement, @Context() context: GraphqlContext): Promise<Source[]> {
    return this.sourcesService.citedFor(context.loaders, 'engagement', engagement.id);
  }
}
