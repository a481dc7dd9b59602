import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRead } from '../database/prepared-read.js';
import { NotFound } from '../common/domain-errors.js';
import { groupInOrder, type RequestLoaders } from '../common/request-loaders.js';
import { CoalitionsService, parseSlug } from '../coalitions/coalitions.service.js';
import { parseParticipantCode } from '../participants/participant-code.js';
import { ALL_MEMBERSHIP_STATUSES, MembershipStatus } from './membership-status.js';
import { membershipStateCte, STATE_COLUMNS, toMembership, type MembershipStateRow } from './membership-state.sql.js';
import type { CoalitionStats, KindCount, Membership, MembershipEvent, RegionCount } from './membership.model.js';
import { sourcesJsonSql } from '../sources/sources.service.js';
import { ParticipantKind } from '../participants/participant-kind.js';
import { today } from '../common/calendar-date.js';

/**
 * Events of the memberships `which` selects, with their sources unless told not to (a page that does
 * not show them should not pay for them); $2 an optional date they must be effective by.
 */
const historySql = (which: string, withSources = true) => `
  SELECT e.id, e.membership_id AS "membershipId", e.status, e.effective_on AS "effectiveOn",
         e.effective_on_precision AS "effectiveOnPrecision", e.is_attested AS "isAttested",
         e.recorded_at AS "recordedAt", e.recorded_by AS "recordedBy", e.note,
         ${withSources ? `${sourcesJsonSql('membership_event', 'e.id')} AS sources,` : ''}
         row_number() OVER (PARTITION BY e.membership_id ORDER BY e.effective_on, e.sequence) AS sequence_order
    FROM membership_event e
   WHERE ${which} AND ($2::date IS NULL OR e.effective_on <= $2::date)`;

/** The diplomat's lookup, built once per form: a statement's text is also its prepared-statement key. */
const findOneSql = (
  isAsOf: boolean,
) => `WITH ${membershipStateCte(isAsOf, '(SELECT id FROM coalition WHERE slug = $1)')}
         SELECT (SELECT id FROM coalition WHERE slug = $1) AS coalition_found, found.*,
                (SELECT json_agg(to_json(events) ORDER BY events.sequence_order)
                   FROM (${historySql('e.membership_id = found.id')}) AS events) AS history
           FROM (SELECT 1) AS always
           LEFT JOIN LATERAL (
             SELECT ${STATE_COLUMNS} FROM state JOIN participant p ON p.id = state.participant_id
              WHERE p.code = $3 OR p.alpha3 = $3) AS found ON true`;
const FIND_ONE_SQL = { now: findOneSql(false), asOf: findOneSql(true) };
const historiesSql = (withSources: boolean) =>
  `${historySql('e.membership_id = ANY($1::uuid[])', withSources)} ORDER BY e.membership_id, sequence_order`;
const HISTORIES_SQL = { withSources: historiesSql(true), withoutSources: historiesSql(false) };

type HistoryRow = Omit<MembershipEvent, 'recordedAt'> & { membershipId: string; recordedAt: Date | string };

/** Rows come as columns from the loader and as JSON from the lookup; JSON carries the time as text. */
const toEvent = ({
  recordedAt,
  ...event
}: HistoryRow & { sequence_order?: unknown }): MembershipEvent & { membershipId: string } => {
  const { sequence_order: _order, ...rest } = event;
  return { ...rest, recordedAt: new Date(recordedAt) };
};

@Injectable()
export class MembershipsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly coalitions: CoalitionsService,
  ) {}

  /**
   * A participant's membership of a coalition, now or on `asOf`; null if it had not been invited by
   * then. The diplomat's question is the hottest path of the service, so one statement answers it,
   * history and sources included: the history loader of the request is primed with them.
   */
  async findOne(
    loaders: RequestLoaders,
    coalitionSlug: string,
    participantCode: string,
    asOf: string | null,
  ): Promise<Membership | null> {
    const code = parseParticipantCode(participantCode, 'participant');
    const slug = parseSlug(coalitionSlug, 'coalition');
    const rows: Array<MembershipStateRow & { coalition_found: string | null; history: HistoryRow[] | null }> =
      await preparedRead(this.db, FIND_ONE_SQL[asOf === null ? 'now' : 'asOf'], [slug, asOf, code]);
    const [row] = rows;
    if (!row?.coalition_found)
      throw new NotFound(`No coalition has the slug "${coalitionSlug}"`, { argument: 'coalition' });
    if (!row.id) return null;
    // With their sources, these events answer a history asked for with or without them.
    const events = (row.history ?? []).map(toEvent);
    this.historyLoader(loaders, asOf, true).prime(row.id, events);
    this.historyLoader(loaders, asOf, false).prime(row.id, events);
    return toMembership(row, asOf);
  }

  /** Batched by id, for fields that point at a membership (a commitment's). */
  load(loaders: RequestLoaders, id: string): Promise<Membership> {
    return loaders
      .get<string, Membership>('membership', async (ids) => {
        const rows: MembershipStateRow[] = await preparedRead(
          this.db,
          `SELECT ${STATE_COLUMNS} FROM membership state WHERE state.id = ANY($1::uuid[])`,
          [ids],
        );
        const byId = new Map(rows.map((row) => [row.id, toMembership(row, null)]));
        return ids.map((id) => byId.get(id) ?? new Error(`membership ${id} missing`));
      })
      .load(id);
  }

  /** The events of a membership with their sources, oldest first; on `asOf`, only those effective by then. */
  history(
    loaders: RequestLoaders,
    membershipId: string,
    asOf: string | null,
    withSources = true,
  ): Promise<MembershipEvent[]> {
    return this.historyLoader(loaders, asOf, withSources).load(membershipId);
  }

  private historyLoader(loaders: RequestLoaders, asOf: string | null, withSources: boolean) {
    const form = withSources ? 'withSources' : 'withoutSources';
    return loaders.get<string, MembershipEvent[]>(`history:${asOf ?? 'now'}:${form}`, async (ids) => {
      const rows: HistoryRow[] = await preparedRead(this.db, HISTORIES_SQL[form], [ids, asOf]);
      return groupInOrder(ids, rows.map(toEvent), (event) => event.membershipId);
    });
  }

  /** Counts by status, kind and region on a date, in one query. */
  async stats(coalitionId: string, asOf: string | null): Promise<CoalitionStats> {
    const date = asOf ?? today();
    const rows: Array<{ status: MembershipStatus; kind: ParticipantKind; region: string | null; count: number }> =
      await preparedRead(
        this.db,
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
