import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../common/graphql-context.js';
import { unpagedListCost } from '../common/query-limits.js';
import { Retraction } from './retraction.model.js';
import { Source } from './source.model.js';
import { SourcesService } from './sources.service.js';

@Resolver(() => Retraction)
export class RetractionResolver {
  constructor(private readonly sourcesService: SourcesService) {}

  @ResolveField(() => [Source], {
    description:
      "On whose word the fact was withdrawn (for an event replaced by a correction, the correction's sources); may be empty.",
    complexity: unpagedListCost,
  })
  sources(@Parent() retraction: Retraction, @Context() context: GraphqlContext): Promise<Source[]> {
    return this.sourcesService.citedFor(context.loaders, retraction.fact, retraction.factId);
  }
}
