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

  @ResolveField(() => [Source], { complexity: unpagedListCost })
  sources(@Parent() figure: ReportedFigure, @Context() context: GraphqlContext): Promise<Source[]> {
    return this.sourcesService.citedFor(context.loaders, 'reported_figure', figure.id);
  }
}

@Resolver(() => CoalitionEvent)
export class CoalitionEventResolver {
  constructor(private readonly sourcesService: SourcesService) {}

  @ResolveField(() => [Source], { complexity: unpagedListCost })
  sources(@Parent() event: CoalitionEvent, @Context() context: GraphqlContext): Promise<Source[]> {
    return this.sourcesService.citedFor(context.loaders, 'coalition_event', event.id);
  }
}

@Resolver(() => LineOfEffortGroup)
export class LineOfEffortResolver {
  constructor(private readonly sourcesService: SourcesService) {}

  @ResolveField(() => [Source], { complexity: unpagedListCost })
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

  @ResolveField(() => Participant)
  participant(@Parent() engagement: Engagement, @Context() context: GraphqlContext): Promise<ParticipantView> {
    return this.participants.load(context.loaders, engagement.participantId);
  }

  @ResolveField(() => [Source], { complexity: unpagedListCost })
  sources(@Parent() engagement: Engagement, @Context() context: GraphqlContext): Promise<Source[]> {
    return this.sourcesService.citedFor(context.loaders, 'engagement', engagement.id);
  }
}
