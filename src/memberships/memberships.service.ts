import { Injectable } from '@nestjs/common';
import { today } from '../common/calendar-date.js';
import { NotFound } from '../common/domain-errors.js';
import { groupInOrder, type RequestLoaders } from '../common/request-loaders.js';
import { CoalitionsService, parseSlug } from '../coalitions/coalitions.service.js';
import { parseParticipantCode } from '../participants/participant-code.js';
import type { ParticipantKind } from '../participants/participant-kind.js';
import { ALL_MEMBERSHIP_STATUSES, MembershipStatus } from './membership-status.js';
import type { EntityManager } from 'typeorm';
import type { PlannedEmbed } from './membership-page-plan.js';
import { MembershipRepository, toEvent, toMembership, type MembershipCurationRow } from './membership.repository.js';
import type { CoalitionStats, KindCount, Membership, MembershipEvent, RegionCount } from './membership.model.js';

@Injectable()
export class MembershipsService {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly coalitions: CoalitionsService,
  ) {}

  /**
   * A participant's membership of a coalition, now or on `asOf`; null if it had not been invited by
   * then. The diplomat's question is the hottest path of the service, so one statement answers it
   * with the fields `embeds` plans (its history, with sources when asked), each read as the query asks.
   */
  async findOne(
    coalitionSlug: string,
    participantCode: string,
    asOf: string | null,
    embeds: readonly PlannedEmbed[] = [],
  ): Promise<Membership | null> {
    const code = parseParticipantCode(participantCode, 'participant');
    const slug = parseSlug(coalitionSlug, 'coalition');
    const read = embeds.filter((embed) => embed.sql);
    const found = await this.memberships.lookup(
      slug,
      code,
      asOf,
      read.map((embed) => embed.sql!),
    );
    if (!found.isCoalitionKnown)
      throw new NotFound(`No coalition has the slug "${coalitionSlug}"`, { argument: 'coalition' });
    if (!found.row) return null;
    const membership = toMembership(found.row, asOf);
    if (read.length > 0) {
      const row = found.row;
      membership.embedded = new Map(
        read.map((embed, index) => [embed.responseKey, embed.fromJson(row[`e${index}`], {})]),
      );
    }
    return membership;
  }

  /** Batched by id, for fields that point at a membership (a commitment's). */
  load(loaders: RequestLoaders, id: string): Promise<Membership> {
    return loaders
      .get<string, Membership>('membership', async (ids) => {
        const rows = await this.memberships.byIds(ids);
        const byId = new Map(rows.map((row) => [row.id, toMembership(row)]));
        return ids.map((membershipId) => byId.get(membershipId) ?? new Error(`membership ${membershipId} missing`));
      })
      .load(id);
  }

  /** Every membership of a coalition, batched through `loaders` (a live update after a large change). */
  async allOf(loaders: RequestLoaders, coalitionId: string): Promise<Membership[]> {
    const ids = await this.memberships.idsOf(coalitionId);
    return Promise.all(ids.map((id) => this.load(loaders, id)));
  }

  /**
   * The standing events of a membership (also the retracted ones when asked), with their sources,
   * oldest first; on `asOf`, only those effective by then.
   */
  history(
    loaders: RequestLoaders,
    membershipId: string,
    asOf: string | null,
    withSources = true,
    withRetracted = false,
  ): Promise<MembershipEvent[]> {
    return this.historyLoader(loaders, asOf, withSources, withRetracted).load(membershipId);
  }

  /** One event by id, retracted or not (the original a correction replaced), batched per request. */
  event(loaders: RequestLoaders, id: string): Promise<MembershipEvent> {
    return loaders
      .get<string, MembershipEvent>('membership-event', async (ids) => {
        const rows = await this.memberships.eventsByIds(ids);
        const byId = new Map(rows.map((row) => [row.id, toEvent(row)]));
        return ids.map((eventId) => byId.get(eventId) ?? new Error(`membership event ${eventId} missing`));
      })
      .load(id);
  }

  private historyLoader(loaders: RequestLoaders, asOf: string | null, withSources: boolean, withRetracted = false) {
    const form = `${withSources ? 'withSources' : 'withoutSources'}${withRetracted ? ':withRetracted' : ''}`;
    return loaders.get<string, MembershipEvent[]>(`history:${asOf ?? 'now'}:${form}`, async (ids) => {
      const rows = await this.memberships.histories(ids, asOf, withSources, withRetracted);
      return groupInOrder(ids, rows.map(toEvent), (event) => event.membershipId);
    });
  }

  /** Counts by status, kind and region on a date, in one query. */
  /** The counts on `asOf` (today when null), with the reported figure unless the caller will not show it. */
  async stats(coalitionId: string, asOf: string | null, isReportedNeeded = true): Promise<CoalitionStats> {
    const date = asOf ?? today();
    // Side by side: the figure does not depend on the counts (a dashboard that shows neither waits for one).
    const [rows, reported] = await Promise.all([
      this.memberships.countsOf(coalitionId, asOf),
      isReportedNeeded ? this.coalitions.latestReportedFigure(coalitionId, date) : null,
    ]);
    const byStatus = ALL_MEMBERSHIP_STATUSES.map((status) => ({
      status,
      count: rows.filter((row) => row.status === status).reduce((sum, row) => sum + row.count, 0),
    }));
    const countOf = (status: MembershipStatus) => byStatus.find((entry) => entry.status === status)?.count ?? 0;
    const byKind = new Map<ParticipantKind, KindCount>();
    const byRegion = new Map<string | null, RegionCount>();
    for (const row of rows) {
      const isCommitted = row.status === MembershipStatus.COMMITTED ? row.count : 0;
      const kind = byKind.get(row.kind) ?? { kind: row.kind, total: 0, committed: 0 };
      kind.total += row.count;
      kind.committed += isCommitted;
      byKind.set(row.kind, kind);
      const region = byRegion.get(row.region) ?? { region: row.region, total: 0, committed: 0 };
      region.total += row.count;
      region.committed += isCommitted;
      byRegion.set(row.region, region);
    }
    return {
      asOf: date,
      total: byStatus.reduce((sum, entry) => sum + entry.count, 0),
      committed: countOf(MembershipStatus.COMMITTED),
      invitedNotParticipating: countOf(MembershipStatus.INVITED),
      byStatus,
      byKind: [...byKind.values()].sort((a, b) => a.kind.localeCompare(b.kind)),
      byRegion: [...byRegion.values()].sort((a, b) => (a.region ?? '~').localeCompare(b.region ?? '~')),
      reported,
    };
  }

  /**
   * Inside a write's transaction: who wrote a membership's history and its first event, or null when
   * there is no such membership (what a dataset revision weighs before it adds or amends one).
   */
  curation(manager: EntityManager, coalitionId: string, participantId: string): Promise<MembershipCurationRow | null> {
    return this.memberships.curation(manager, coalitionId, participantId);
  }
}
