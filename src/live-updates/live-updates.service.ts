import { EventEmitter, on } from 'node:events';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CoalitionsService } from '../coalitions/coalitions.service.js';
import { NotFound } from '../common/domain-errors.js';
import { RequestLoaders } from '../common/request-loaders.js';
import type { CoalitionStats, Membership } from '../memberships/membership.model.js';
import { MembershipsService } from '../memberships/memberships.service.js';
import { ParticipantsService } from '../participants/participants.service.js';
import type { RegistryChangeNotice } from '../response-cache/registry-change-notice.js';
import { RegistryChangesService } from '../response-cache/registry-changes.service.js';
import { HeldChanges, type HeldChange } from './held-changes.js';
import type { RegistryChange } from './registry-change.model.js';
import { readingFromPrimary } from '../database/read-routing.js';

/**
 * What a subscriber is handed: the value, and the loaders it was read with, which the subscription's
 * fields resolve through. Every subscriber of one change shares them, so a change is read once per
 * instance however many subscribe to it, and no subscriber sees a previous change's cached state.
 */
export interface LiveEvent<Value> {
  value: Value;
  loaders: RequestLoaders;
}

const ANY_COALITION = '*';

/**
 * Turns the change notices every instance hears (registry-changes.service.ts) into the events of the
 * three subscriptions. Topics are per coalition, so a change wakes only who watches its coalition; the
 * state after a change is read only when someone here watches it, and then once.
 */
@Injectable()
export class LiveUpdatesService implements OnModuleInit {
  private readonly logger = new Logger(LiveUpdatesService.name);
  private readonly topics = new EventEmitter();
  /** Changes heard and not yet delivered; delivered one batch after another, in commit order. */
  private readonly held = new HeldChanges();
  private isDraining = false;
  private draining: Promise<void> = Promise.resolve();

  constructor(
    private readonly changes: RegistryChangesService,
    private readonly coalitions: CoalitionsService,
    private readonly memberships: MembershipsService,
    private readonly participants: ParticipantsService,
  ) {
    this.topics.setMaxListeners(0);
  }

  onModuleInit(): void {
    this.changes.onNotice((notice) => this.hold(notice));
  }

  async registryChanges(coalitionSlug: string | null): Promise<AsyncIterableIterator<RegistryChange>> {
    const coalitionId = coalitionSlug === null ? ANY_COALITION : await this.coalitionIdOf(coalitionSlug);
    return this.listen<RegistryChange>(`registry:${coalitionId}`);
  }

  async membershipChanges(
    coalitionSlug: string,
    participantCode: string | null,
  ): Promise<AsyncIterableIterator<LiveEvent<Membership>>> {
    const coalitionId = await this.coalitionIdOf(coalitionSlug);
    if (participantCode === null) return this.listen(`membership:${coalitionId}`);
    const participant = await this.participants.findByCode(participantCode, 'participant');
    if (!participant) {
      throw new NotFound(`The registry knows no participant "${participantCode}"`, { argument: 'participant' });
    }
    return this.listen(`membership:${coalitionId}`, (event: LiveEvent<Membership>) => {
      return event.value.participantId === participant.id;
    });
  }

  async statsChanges(coalitionSlug: string): Promise<AsyncIterableIterator<LiveEvent<CoalitionStats>>> {
    return this.listen(`stats:${await this.coalitionIdOf(coalitionSlug)}`);
  }

  /** Resolves once every change heard so far has been handed to its subscribers (a graceful stop waits for it). */
  idle(): Promise<void> {
    return this.draining;
  }

  /** How many subscriptions this instance serves now (for the metrics and the load test). */
  get subscriptionCount(): number {
    return this.topics.eventNames().reduce((sum, topic) => sum + this.topics.listenerCount(topic), 0);
  }

  private async coalitionIdOf(slug: string): Promise<string> {
    const coalition = await this.coalitions.findBySlug(slug, 'coalition');
    if (!coalition) throw new NotFound(`No coalition has the slug "${slug}"`, { argument: 'coalition' });
    return coalition.id;
  }

  private hold(notice: RegistryChangeNotice): void {
    this.held.hold(notice);
    if (this.isDraining || this.held.isEmpty) return;
    this.isDraining = true;
    this.draining = this.drain();
  }

  /** Delivers what is held, then what was heard meanwhile, until nothing is held. */
  private async drain(): Promise<void> {
    try {
      while (!this.held.isEmpty) {
        // The state after the change, which a replica may not have replayed yet: read from the primary.
        await readingFromPrimary(() => this.deliver(this.held.take())).catch((error: unknown) =>
          this.logger.error(`A live update failed: ${String(error)}`),
        );
      }
    } finally {
      this.isDraining = false;
    }
  }

  private async deliver(changes: readonly HeldChange[]): Promise<void> {
    const loaders = new RequestLoaders();
    const touched = new Set<string>();
    for (const change of changes) {
      const slug = change.coalitionId ? (await this.coalitions.load(loaders, change.coalitionId)).slug : null;
      const event: RegistryChange = {
        coalition: slug,
        kind: change.kind,
        ids: change.ids === 'many' ? null : [...change.ids],
        isTooManyToList: change.ids === 'many',
        at: new Date(change.at),
        position: change.position,
      };
      this.topics.emit(`registry:${ANY_COALITION}`, event);
      if (!change.coalitionId) continue;
      this.topics.emit(`registry:${change.coalitionId}`, event);
      touched.add(change.coalitionId);
      const membershipTopic = `membership:${change.coalitionId}`;
      if (change.kind === 'MEMBERSHIP' && this.topics.listenerCount(membershipTopic) > 0) {
        const changed =
          change.ids === 'many'
            ? await this.memberships.allOf(loaders, change.coalitionId)
            : await Promise.all([...change.ids].map((id) => this.memberships.load(loaders, id)));
        for (const value of changed) this.topics.emit(membershipTopic, { value, loaders });
      }
    }
    for (const coalitionId of touched) {
      const statsTopic = `stats:${coalitionId}`;
      if (this.topics.listenerCount(statsTopic) === 0) continue;
      this.topics.emit(statsTopic, { value: await this.memberships.stats(coalitionId, null), loaders });
    }
  }

  /**
   * The events of one topic, until the subscriber leaves. Not an async generator: one suspended on an
   * event that never comes could not be ended, and would keep its listener for good.
   */
  private listen<Event>(topic: string, keep: (event: Event) => boolean = () => true): AsyncIterableIterator<Event> {
    const events = on(this.topics, topic) as AsyncIterableIterator<[Event]>;
    const iterator: AsyncIterableIterator<Event> = {
      async next() {
        for (;;) {
          const result = await events.next();
          if (result.done) return { done: true, value: undefined };
          if (keep(result.value[0])) return { done: false, value: result.value[0] };
        }
      },
      async return() {
        await events.return?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}
