import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../common/graphql-context.js';
import { unpagedListCost } from '../common/query-limits.js';
import { Source } from '../sources/source.model.js';
import { SourcesService } from '../sources/sources.service.js';
import { MembershipEvent } from './membership.model.js';
import { MembershipsService } from './memberships.service.js';

@Resolver(() => MembershipEvent)
export class MembershipEventResolver {
  constructor(
    private readonly sourcesService: SourcesService,
    private readonly memberships: MembershipsService,
  ) {}

  @ResolveField(() => [Source], {
    description: 'On whose word: the sources for this change of status.',
    complexity: unpagedListCost,
  })
  sources(@Parent() event: MembershipEvent, @Context() context: GraphqlContext): Promise<Source[]> {
    return event.sources
      ? Promise.resolve(event.sources)
      : this.sourcesService.citedFor(context.loaders, 'membership_event', event.id);
  }

  @ResolveField(() => MembershipEvent, {
    nullable: true,
    description:
      'The event this one corrected (it stays on record, retracted, with the reason); null for an original event.',
  })
  correctionOf(@Parent() event: MembershipEvent, @Context() context: GraphqlContext): Promise<MembershipEvent | null> {
    return event.correctionOfId ? this.memberships.event(context.loaders, event.correctionOfId) : Promise.resolve(null);
  }
}
