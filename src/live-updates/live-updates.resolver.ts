import { Args, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphqlContext } from '../common/graphql-context.js';
import { CoalitionStats, Membership } from '../memberships/membership.model.js';
import { LiveUpdatesService, type LiveEvent } from './live-updates.service.js';
import { RegistryChange } from './registry-change.model.js';

/** The subscription's fields resolve through the loaders its change was read with (one read per change). */
function unwrap<Value>(event: LiveEvent<Value>, _args: unknown, context: GraphqlContext): Value {
  context.loaders = event.loaders;
  return event.value;
}

/** Live updates over graphql-ws (see live-socket-server.ts): what changed, as every instance hears it. */
@Resolver()
export class LiveUpdatesResolver {
  constructor(private readonly live: LiveUpdatesService) {}

  @Subscription(() => RegistryChange, {
    description:
      'Every committed write that changes the registry, on any instance: what kind of record, in which coalition, ' +
      'which ids. One event per coalition and kind per write (an import of many rows is one); writes that come ' +
      'faster than they can be told are merged, one event per coalition and kind.',
    resolve: (change: RegistryChange) => change,
  })
  registryChanged(
    @Args('coalition', {
      type: () => String,
      nullable: true,
      description: "Only this coalition's changes (its slug); every change when left out.",
    })
    coalition: string | null,
  ): Promise<AsyncIterableIterator<RegistryChange>> {
    return this.live.registryChanges(coalition ?? null);
  }

  @Subscription(() => Membership, {
    description:
      'A membership as it stands after each write that changed it (after a change too large to list, every ' +
      'membership of the coalition).',
    resolve: unwrap,
  })
  membershipChanged(
    @Args('coalition', { description: "The coalition's slug." }) coalition: string,
    @Args('participant', {
      type: () => String,
      nullable: true,
      description: "Only this participant's membership (ISO alpha-2 or alpha-3 code, or an acronym).",
    })
    participant: string | null,
  ): Promise<AsyncIterableIterator<LiveEvent<Membership>>> {
    return this.live.membershipChanges(coalition, participant ?? null);
  }

  @Subscription(() => CoalitionStats, {
    description: "The coalition's counts today, after each write that changed anything in it.",
    resolve: unwrap,
  })
  coalitionStatsChanged(
    @Args('coalition', { description: "The coalition's slug." }) coalition: string,
  ): Promise<AsyncIterableIterator<LiveEvent<CoalitionStats>>> {
    return this.live.statsChanges(coalition);
  }
}
