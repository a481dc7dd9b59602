import { Args, Context, ID, Info, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { isFieldSelected } from '../common/field-selection.js';
import { requiredId } from '../common/input-rules.js';
import type { GraphqlContext } from '../common/graphql-context.js';
import { pagedListCost, unpagedListCost } from '../common/query-limits.js';
import { Membership } from '../memberships/membership.model.js';
import { MembershipsService } from '../memberships/memberships.service.js';
import { Retraction } from '../sources/retraction.model.js';
import { Source } from '../sources/source.model.js';
import { SourcesService } from '../sources/sources.service.js';
import { Commitment } from './commitment.model.js';
import { COMMITMENTS_WITHOUT_FIRST, CommitmentsService } from './commitments.service.js';

@Resolver(() => Commitment)
export class CommitmentsResolver {
  constructor(
    private readonly sourcesService: SourcesService,
    private readonly memberships: MembershipsService,
    private readonly commitmentsService: CommitmentsService,
  ) {}

  @Query(() => Commitment, {
    nullable: true,
    description: 'A commitment by id, also a retracted one (with its retraction); null when none has that id.',
  })
  commitment(
    @Args('id', { type: () => ID, description: "The commitment's id." }) id: string,
    @Context() context: GraphqlContext,
  ): Promise<Commitment | null> {
    return this.commitmentsService.byId(context.loaders, requiredId(id, 'id', 'a commitment'));
  }

  @ResolveField(() => Retraction, {
    nullable: true,
    description: 'Why this commitment no longer counts; null for a standing commitment.',
  })
  retraction(@Parent() commitment: Commitment): Retraction | null {
    if (!commitment.retractedAt) return null;
    return {
      at: new Date(commitment.retractedAt),
      by: commitment.retractedBy!,
      reason: commitment.retractionReason!,
      fact: 'commitment_retraction',
      factId: commitment.id,
    };
  }

  @ResolveField(() => [Source], {
    complexity: unpagedListCost,
    description: 'On whose word: the sources for the commitment and for each change of its status.',
  })
  sources(@Parent() commitment: Commitment, @Context() context: GraphqlContext): Promise<Source[]> {
    return commitment.sources
      ? Promise.resolve(commitment.sources)
      : this.sourcesService.citedFor(context.loaders, 'commitment', commitment.id);
  }

  @ResolveField(() => Membership, { description: 'The membership (and so the member) that made it.' })
  membership(@Parent() commitment: Commitment, @Context() context: GraphqlContext): Promise<Membership> {
    return this.memberships.load(context.loaders, commitment.membershipId);
  }
}

/** `Membership.commitments` lives here so the memberships module does not depend on this one. */
@Resolver(() => Membership)
export class MembershipCommitmentsResolver {
  constructor(private readonly commitmentsService: CommitmentsService) {}

  @ResolveField(() => [Commitment], {
    description: 'What this member undertook, oldest first (by madeOn, then title); with asOf, those made by then.',
    complexity: pagedListCost(COMMITMENTS_WITHOUT_FIRST),
  })
  commitments(
    @Parent() membership: Membership,
    @Context() context: GraphqlContext,
    @Args('first', {
      type: () => Int,
      nullable: true,
      description: `At most this many (1 to 100); ${COMMITMENTS_WITHOUT_FIRST} when absent.`,
    })
    first: number | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Commitment[]> {
    return this.commitmentsService.ofMembership(
      context.loaders,
      membership.id,
      membership.asOf,
      first ?? COMMITMENTS_WITHOUT_FIRST,
      isFieldSelected(info, 'sources'),
    );
  }
}
