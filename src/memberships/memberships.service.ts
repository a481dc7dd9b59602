import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFound } from '../common/domain-errors.js';
import { groupInOrder, type RequestLoaders } from '../common/request-loaders.js';
import { CoalitionsService } from '../coalitions/coalitions.service.js';
import { parseParticipantCode } from '../participants/participant-code.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { MembershipEventEntity } from './membership-event.entity.js';
import { ALL_MEMBERSHIP_STATUSES, MembershipStatus } from './membership-status.js';
import { membershipStateCte, STATE_COLUMNS, toMembership, type MembershipStateRow } from './membership-state.sql.js';
import type { CoalitionStats, KindCount, Membership, RegionCount } from './membership.model.js';
import { ParticipantKind } from '../participants/participant-kind.js';
import { today } from '../common/calendar-date.js';

@Injectable()
export class MembershipsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly coalitions: CoalitionsService,
    private readonly participants: ParticipantsService,
  ) {}

  /** A participant's membership of a coalition, now or on `asOf`; null if it had not been invited by then. */
  async findOne(coalitionSlug: string, participantCode: string, asOf: string | null): Promise<Membership | null> {
    const code = parseParticipantCode(participantCode, 'participant');
    const coalition = await this.coalitions.findBySlug(coalitionSlug, 'coalition');
    if (!coalition) throw new NotFound(`No coalition has the slug "${coalitionSlug}"`, { argument: 'coalition' });
    const participant = await this.participants.findEntityByCode(code);
    if (!participant) return null;
    const rows: MembershipStateRow[] = await this.db.query(
      `WITH ${membershipStateCte(asOf !== null)}
       SELECT ${STATE_COLUMNS} FROM state WHERE state.participant_id = $3`,
      [coalition.id, asOf, participant.id],
    );
    return rows[0] ? toMembership(rows[0], asOf) : null;
  }

  /** Batched by id, for fields that point at a membership (a commitment's). */
  load(loaders: RequestLoaders, id: string): Promise<Membership> {
    return loaders
      .get<string, Membership>('membership', async (ids) => {
        const rows: MembershipStateRow[] = await this.db.query(
          `SELECT ${STATE_COLUMNS} FROM membership state WHERE state.id = ANY($1::uuid[])`,
          [ids],
        );
        const byId = new Map(rows.map((row) => [row.id, toMembership(row, null)]));
        return ids.map((id) => byId.get(id) ?? new Error(`membership ${id} missing`));
      })
      .load(id);
  }

  /** The events of a membership, oldest first; on `asOf`, only those effective by then. */
  history(loaders: RequestLoaders, membershipId: string, asOf: string | null): Promise<MembershipEventEntity[]> {
    return loaders
      .get<string, MembershipEventEntity[]>(`history:${asOf ?? 'now'}`, async (ids) => {
        const query = this.db
          .getRepository(MembershipEventEntity)
          .createQueryBuilder('e')
          .where('e.membership_id = ANY(:ids)', { ids })
          .orderBy('e.effective_on', 'ASC')
          .addOrderBy('e.sequence', 'ASC');
        if (asOf) query.andWhere('e.effective_on <= :asOf', { asOf });
        return groupInOrder(ids, await query.getMany(), (event) => event.membershipId);
      })
      .load(membershipId);
  }

  /** Counts by status, kind and region on a date, in one query. */
  async stats(coalitionId: string, asOf: string | null): Promise<CoalitionStats> {
    const date = asOf ?? today();
    const rows: Array<{ status: MembershipStatus; kind: ParticipantKind; region: string | null; count: number }> =
      await this.db.query(
        `WITH ${membershipStateCte(asOf !== null)}
         SELECT state.status, p.kind, p.region, count(*)::int AS count
           FROM state JOIN participant p ON p.id = state.participant_id
          GROUP BY state.status, p.kind, p.region`,
        [coalitionId, asOf],
      );
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
    const reported = await this.coalitions.latestReportedFigure(coalitionId, date);
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
}
