import { Args, Context, Info, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { isFieldSelected } from '../common/field-selection.js';
import { Coalition } from '../coalitions/coalition.model.js';
import { CoalitionsService } from '../coalitions/coalitions.service.js';
import { DateScalar } from '../common/date.scalar.js';
import { countedListCost, pagedListCost, unpagedListCost } from '../common/query-limits.js';
import type { GraphqlContext } from '../common/graphql-context.js';
import type { Connection } from '../common/pagination.js';
import { Participant, type ParticipantView } from '../participants/participant.model.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { MembershipsArgs } from './dto/memberships.args.js';
import { MembershipPagesService } from './membership-pages.service.js';
import {
  CoalitionStats,
  Membership,
  MembershipConnection,
  MembershipEvent,
  TimelineInterval,
  TimelinePeriod,
} from './membership.model.js';
import { MembershipTimelineService } from './membership-timeline.service.js';
import { timelinePeriodsAtMost } from './timeline-periods.js';
import { MembershipsService } from './memberships.service.js';

@Resolver(() => Membership)
export class MembershipsResolver {
  constructor(
    private readonly memberships: MembershipsService,
    private readonly participants: ParticipantsService,
    private readonly coalitions: CoalitionsService,
    private readonly pages: MembershipPagesService,
  ) {}

  @Query(() => Membership, {
    nullable: true,
    description: "A participant's membership of a coalition (now, or on asOf); null if it had not been invited.",
  })
  membership(
    @Args('coalition', { description: "The coalition's slug." }) coalition: string,
    @Args('participant', { description: 'ISO alpha-2 or alpha-3 code, or an organisation acronym.' })
    participant: string,
    @Args('asOf', {
      type: () => DateScalar,
      nullable: true,
      description: 'Show the membership as it stood on this date (today when absent).',
    })
    asOf: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Membership | null> {
    return this.memberships.findOne(coalition, participant, asOf ?? null, this.pages.planLookup(info));
  }

  @ResolveField(() => Coalition, { description: 'The coalition this membership is of.' })
  coalition(@Parent() membership: Membership, @Context() context: GraphqlContext): Promise<Coalition> {
    return this.coalitions.load(context.loaders, membership.coalitionId);
  }

  @ResolveField(() => Participant, { description: 'The member (or invitee): a country or an organisation.' })
  participant(@Parent() membership: Membership, @Context() context: GraphqlContext): Promise<ParticipantView> {
    return this.participants.load(context.loaders, membership.participantId);
  }

  @ResolveField(() => [MembershipEvent], {
    description:
      'Every change of status that stands, oldest first (with asOf, only those effective by that date); with includeRetracted, also the retracted and corrected ones, each with its retraction.',
    complexity: unpagedListCost,
  })
  history(
    @Parent() membership: Membership,
    @Context() context: GraphqlContext,
    @Info() info: GraphQLResolveInfo,
    @Args('includeRetracted', {
      type: () => Boolean,
      defaultValue: false,
      description:
        'Also list events that were retracted or replaced by a correction (they do not count for status, stats or the timeline).',
    })
    includeRetracted: boolean,
  ): Promise<MembershipEvent[]> {
    return this.memberships.history(
      context.loaders,
      membership.id,
      membership.asOf,
      isFieldSelected(info, 'sources'),
      includeRetracted,
    );
  }
}

/** The membership fields of a coalition: its roster page and its counts. */
@Resolver(() => Coalition)
export class CoalitionMembershipsResolver {
  constructor(
    private readonly membershipsService: MembershipsService,
    private readonly pages: MembershipPagesService,
    private readonly timelines: MembershipTimelineService,
  ) {}

  @ResolveField(() => MembershipConnection, {
    description: 'The named roster: members a source names.',
    complexity: pagedListCost(50),
  })
  memberships(
    @Parent() coalition: Coalition,
    @Args() args: MembershipsArgs,
    @Info() info: GraphQLResolveInfo,
    @Context() context: GraphqlContext,
  ): Promise<Connection<Membership>> {
    return this.pages.page(
      { coalitionId: coalition.id, ...args, isTotalNeeded: isFieldSelected(info, 'totalCount') },
      context.loaders,
      this.pages.plan(info),
    );
  }

  @ResolveField(() => [TimelinePeriod], {
    description:
      'Growth over time: counts by status at the end of each period, from `from` (default: launch) to `to` (default: today).',
    complexity: countedListCost((args) => timelinePeriodsAtMost(args.interval, args.from, args.to)),
  })
  timeline(
    @Parent() coalition: Coalition,
    @Args('interval', {
      type: () => TimelineInterval,
      defaultValue: TimelineInterval.MONTH,
      description: 'The length of each period.',
    })
    interval: TimelineInterval,
    @Args('from', {
      type: () => DateScalar,
      nullable: true,
      description: 'First date covered; the launch date (or the first event) when absent.',
    })
    from: string | null,
    @Args('to', { type: () => DateScalar, nullable: true, description: 'Last date covered; today (UTC) when absent.' })
    to: string | null,
  ): Promise<TimelinePeriod[]> {
    return this.timelines.timeline(coalition, interval, from ?? null, to ?? null);
  }

  @ResolveField(() => CoalitionStats, { description: 'Counts over the named roster on a date (today when absent).' })
  stats(
    @Parent() coalition: Coalition,
    @Args('asOf', {
      type: () => DateScalar,
      nullable: true,
      description: 'Count as of this date; today (UTC) when absent.',
    })
    asOf: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CoalitionStats> {
    return this.membershipsService.stats(coalition.id, asOf ?? null, isFieldSelected(info, 'reported'));
  }
}
