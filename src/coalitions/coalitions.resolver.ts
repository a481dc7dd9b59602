import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../common/graphql-context.js';
import { unpagedListCost } from '../common/query-limits.js';
import { Participant, type ParticipantView } from '../participants/participant.model.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { Source } from '../sources/source.model.js';
import { SourcesService } from '../sources/sources.service.js';
import { Coalition, CoalitionEvent, Engagement, LineOfEffortGroup, ReportedFigure } from './coalition.model.js';
import { CoalitionsService } from './coalitions.service.js';

@Resolver(() => Coalition)
export class CoalitionsResolver {
  constructor(
    private readonly coalitionsService: CoalitionsService,
    private readonly participants: ParticipantsService,
    private readonly sourcesService: SourcesService,
  ) {}

  @Query(() => [Coalition], {
    complexity: unpagedListCost,
    description: 'Every coalition the registry holds, in order of launch date (undated last), then slug.',
  })
  coalitions(): Promise<Coalition[]> {
    return this.coalitionsService.list();
  }

  @Query(() => Coalition, {
    nullable: true,
    description: 'A coalition by its slug, e.g. "synthetic-drug-threats"; null if there is none.',
  })
  coalition(
    @Args('slug', { description: "The coalition's slug, in any case." }) slug: string,
  ): Promise<Coalition | null> {
    return this.coalitionsService.findBySlug(slug);
  }

  @ResolveField(() => Participant, {
    nullable: true,
    description: 'The participant that convenes (leads) the coalition; null if none is recorded.',
  })
  convener(@Parent() coalition: Coalition, @Context() context: GraphqlContext): Promise<ParticipantView> | null {
    return coalition.convenerId ? this.participants.load(context.loaders, coalition.convenerId) : null;
  }

  @ResolveField(() => [Source], {
    complexity: unpagedListCost,
    description: "The sources for the coalition's founding facts (name, launch, convener, description).",
  })
  sources(@Parent() coalition: Coalition, @Context() context: GraphqlContext): Promise<Source[]> {
    return this.sourcesService.citedFor(context.loaders, 'coalition', coalition.id);
  }

  @ResolveField(() => [ReportedFigure], {
    complexity: unpagedListCost,
    description: 'Headcounts sources reported, oldest first. No source names the members behind these numbers.',
  })
  reportedFigures(@Parent() coalition: Coalition, @Context() context: GraphqlContext): Promise<ReportedFigure[]> {
    return this.coalitionsService.reportedFigures(context.loaders, coalition.id);
  }

  @ResolveField(() => [CoalitionEvent], {
    complexity: unpagedListCost,
    description: "Dated events in the coalition's life, oldest first.",
  })
  events(@Parent() coalition: Coalition, @Context() context: GraphqlContext): Promise<CoalitionEvent[]> {
    return this.coalitionsService.events(context.loaders, coalition.id);
  }

  @ResolveField(() => [LineOfEffortGroup], {
    complexity: unpagedListCost,
    description: "The coalition's aims and their working groups, in working-group order.",
  })
  linesOfEffort(@Parent() coalition: Coalition, @Context() context: GraphqlContext): Promise<LineOfEffortGroup[]> {
    return this.coalitionsService.linesOfEffort(context.loaders, coalition.id);
  }

  @ResolveField(() => [Engagement], {
    complexity: unpagedListCost,
    description: 'Participants seen working with the coalition whom no source confirms as members.',
  })
  engagedNonMembers(@Parent() coalition: Coalition, @Context() context: GraphqlContext): Promise<Engagement[]> {
    return this.coalitionsService.engagements(context.loaders, coalition.id);
  }
}
