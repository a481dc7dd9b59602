import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { DatePrecision } from '../common/date-precision.js';
import { preparedRead } from '../database/prepared-read.js';
import { citedSourcesJson } from '../sources/cited-sources.subquery.js';
import type { ParticipantKind } from '../participants/participant-kind.js';
import { isParticipating, type MembershipStatus } from './membership-status.js';
import type { Membership, MembershipEvent } from './membership.model.js';

/**
 * The reads of `membership` and `membership_event`. A membership has one row shape (MembershipRow)
 * and one mapper to the GraphQL model (toMembership); the statements that write either table are in
 * membership-ledger.repository.ts, which only the ledger may import (a rule of `npm run lint`).
 */

export interface MembershipRow {
  id: string;
  coalition_id: string;
  participant_id: string;
  status: MembershipStatus;
  status_since: string;
  status_since_precision: DatePrecision;
  invited_on: string | null;
  role: string | null;
  note: string | null;
  version: number;
}

export const ROW_COLUMNS = `m.id, m.coalition_id, m.participant_id, m.status, m.status_since, m.status_since_precision,
  m.invited_on, m.role, m.note, m.version`;

/**
 * Where an event stands in its membership's history, after its date: its recording order, except that
 * a correction takes the place of the event it replaced. Every read orders events by
 * (effective_on, EVENT_PLACE); only standing events (retracted_at IS NULL) count for state and stats.
 */
export const EVENT_PLACE = 'coalesce(e.place, e.sequence)';

/**
 * The state of a coalition's memberships as a SQL common table expression `state`, either as they
 * stand now (the membership row) or as they stood on a date (the latest event effective on or before
 * it: time travel answered from the standing event history). Parameters: $1 coalition id (or the SQL given as
 * `coalition`), $2 the date.
 */
export function membershipStateCte(isAsOf: boolean, coalition = '$1'): string {
  if (!isAsOf) {
    // `$2 IS NULL` names the absent date so that both forms take the same parameters.
    return `state AS (
      SELECT ${ROW_COLUMNS}
        FROM membership m
       WHERE m.coalition_id = ${coalition} AND $2::date IS NULL)`;
  }
  return `state AS (
      SELECT m.id, m.coalition_id, m.participant_id, e.status, e.effective_on AS status_since,
             e.effective_on_precision AS status_since_precision,
             m.invited_on, m.role, m.note, m.version
        FROM membership m
        JOIN LATERAL (
              SELECT ev.status, ev.effective_on, ev.effective_on_precision
                FROM membership_event ev
               WHERE ev.membership_id = m.id AND ev.effective_on <= $2::date AND ev.retracted_at IS NULL
               ORDER BY ev.effective_on DESC, ${EVENT_PLACE.replaceAll('e.', 'ev.')} DESC
               LIMIT 1) e ON true
       WHERE m.coalition_id = ${coalition})`;
}

export const STATE_COLUMNS = `state.id, state.coalition_id, state.participant_id, state.status, state.status_since,
  state.status_since_precision, state.invited_on, state.role, state.note, state.version`;

export function toMembership(row: MembershipRow, asOf: string | null = null): Membership {
  return {
    id: row.id,
    coalitionId: row.coalition_id,
    participantId: row.participant_id,
    status: row.status,
    isParticipating: isParticipating(row.status),
    invited: true,
    invitedOn: row.invited_on,
    statusSince: row.status_since,
    statusSincePrecision: row.status_since_precision,
    role: row.role,
    note: row.note,
    version: row.version,
    asOf,
  };
}

const EVENT_COLUMNS = `e.id, e.membership_id AS "membershipId", e.status, e.effective_on AS "effectiveOn",
         e.effective_on_precision AS "effectiveOnPrecision", e.is_attested AS "isAttested",
         e.recorded_at AS "recordedAt", e.recorded_by AS "recordedBy", e.note,
         e.retracted_at AS "retractedAt", e.retracted_by AS "retractedBy", e.retraction_reason AS "retractionReason",
         e.correction_of AS "correctionOfId"`;

/**
 * Events of the memberships `which` selects, standing ones only unless told (a retracted event stays
 * on record, it just no longer counts), with their sources unless told not to (a page that does not
 * show them should not pay for them); $2 an optional date they must be effective by.
 */
const historySql = (which: string, withSources = true, withRetracted = false) => `
  SELECT ${EVENT_COLUMNS},
         ${withSources ? `${citedSourcesJson('membership_event', 'e.id')} AS sources,` : ''}
         row_number() OVER (PARTITION BY e.membership_id ORDER BY e.effective_on, ${EVENT_PLACE}, e.sequence) AS sequence_order
    FROM membership_event e
   WHERE ${which} AND ($2::date IS NULL OR e.effective_on <= $2::date)${withRetracted ? '' : ' AND e.retracted_at IS NULL'}`;

/**
 * The diplomat's lookup: the membership, whether the coalition exists, and each of `embeds` as a
 * column `e0`, `e1`... (the fields its query asks, read with it: see membership-page-plan.ts).
 */
const findOneSql = (
  isAsOf: boolean,
  embeds: string,
) => `WITH ${membershipStateCte(isAsOf, '(SELECT id FROM coalition WHERE slug = $1)')}
         SELECT (SELECT id FROM coalition WHERE slug = $1) AS coalition_found, found.*${embeds}
           FROM (SELECT 1) AS always
           LEFT JOIN LATERAL (
             SELECT ${STATE_COLUMNS} FROM state JOIN participant p ON p.id = state.participant_id
              WHERE p.code = $3 OR p.alpha3 = $3) AS found ON true`;
const historiesSql = (withSources: boolean, withRetracted: boolean) =>
  `${historySql('e.membership_id = ANY($1::uuid[])', withSources, withRetracted)} ORDER BY e.membership_id, sequence_order`;
const HISTORIES_SQL = {
  withSources: historiesSql(true, false),
  withoutSources: historiesSql(false, false),
  withSourcesAndRetracted: historiesSql(true, true),
  withoutSourcesAndRetracted: historiesSql(false, true),
};
const EVENTS_BY_IDS_SQL = `SELECT ${EVENT_COLUMNS} FROM membership_event e WHERE e.id = ANY($1::uuid[])`;
const BY_IDS_SQL = `SELECT ${ROW_COLUMNS} FROM membership m WHERE m.id = ANY($1::uuid[])`;
const STATS_SQL = { now: statsSql(false), asOf: statsSql(true) };

function statsSql(isAsOf: boolean): string {
  return `WITH ${membershipStateCte(isAsOf)}
         SELECT state.status, p.kind, p.region, count(*)::int AS count
           FROM state JOIN participant p ON p.id = state.participant_id
          GROUP BY state.status, p.kind, p.region`;
}

export type HistoryRow = Omit<MembershipEvent, 'recordedAt' | 'retraction'> & {
  membershipId: string;
  recordedAt: Date | string;
  retractedAt: Date | string | null;
  retractedBy: string | null;
  retractionReason: string | null;
};

/** Rows come as columns from the loader and as JSON from the lookup; JSON carries the time as text. */
export const toEvent = ({
  recordedAt,
  retractedAt,
  retractedBy,
  retractionReason,
  ...event
}: HistoryRow & { sequence_order?: unknown }): MembershipEvent & { membershipId: string } => {
  const { sequence_order: _order, ...rest } = event;
  const retraction =
    retractedAt === null || retractedAt === undefined
      ? null
      : {
          at: new Date(retractedAt),
          by: retractedBy!,
          reason: retractionReason!,
          fact: 'membership_event_retraction' as const,
          factId: event.id,
        };
  return { ...rest, recordedAt: new Date(recordedAt), retraction };
};

export type MembershipValues = Omit<MembershipRow, 'id' | 'version'>;

/** A membership as a dataset revision weighs it: who wrote its history, and its first standing event. */
export interface MembershipCurationRow {
  id: string;
  recorders: string[];
  firstEvent: { id: string; status: MembershipStatus; effectiveOn: string; recordedBy: string };
}

@Injectable()
export class MembershipRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * By coalition slug and participant code: the row (or null) with the embedded fields' JSON, and
   * whether the coalition exists. One statement: the diplomat's question is the hottest path.
   */
  async lookup(
    slug: string,
    code: string,
    asOf: string | null,
    embeds: ReadonlyArray<(membershipId: string, param: (value: unknown) => string) => string>,
  ): Promise<{ isCoalitionKnown: boolean; row: (MembershipRow & Record<string, unknown>) | null }> {
    const params: unknown[] = [slug, asOf, code];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const columns = embeds.map((sql, index) => `, ${sql('found.id', param)} AS e${index}`);
    const rows: Array<MembershipRow & { coalition_found: string | null } & Record<string, unknown>> =
      await preparedRead(this.db, findOneSql(asOf !== null, columns.join('')), params);
    const [row] = rows;
    return { isCoalitionKnown: Boolean(row?.coalition_found), row: row?.id ? row : null };
  }

  byIds(ids: readonly string[]): Promise<MembershipRow[]> {
    return preparedRead(this.db, BY_IDS_SQL, [ids]);
  }

  /** The ids of every membership of a coalition (what a change too large to list may have touched). */
  async idsOf(coalitionId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM membership WHERE coalition_id = $1 ORDER BY id`,
      [coalitionId],
    );
    return rows.map((row) => row.id);
  }

  histories(
    ids: readonly string[],
    asOf: string | null,
    withSources: boolean,
    withRetracted: boolean,
  ): Promise<HistoryRow[]> {
    const form = `${withSources ? 'withSources' : 'withoutSources'}${withRetracted ? 'AndRetracted' : ''}` as const;
    return preparedRead(this.db, HISTORIES_SQL[form], [ids, asOf]);
  }

  /** Events by id, retracted or not, without their sources (a correction's original). */
  eventsByIds(ids: readonly string[]): Promise<HistoryRow[]> {
    return preparedRead(this.db, EVENTS_BY_IDS_SQL, [ids]);
  }

  /** Counts by status, participant kind and region, now or on `asOf`. */
  countsOf(
    coalitionId: string,
    asOf: string | null,
  ): Promise<Array<{ status: MembershipStatus; kind: ParticipantKind; region: string | null; count: number }>> {
    return preparedRead(this.db, STATS_SQL[asOf === null ? 'now' : 'asOf'], [coalitionId, asOf]);
  }

  /**
   * Inside the caller's transaction: the names in the membership's history (who recorded or retracted
   * an event), and its first standing event.
   */
  async curation(
    manager: EntityManager,
    coalitionId: string,
    participantId: string,
  ): Promise<MembershipCurationRow | null> {
    const [row]: MembershipCurationRow[] = await manager.query(
      `SELECT m.id,
              ARRAY(SELECT e.recorded_by FROM membership_event e WHERE e.membership_id = m.id
                    UNION SELECT e.retracted_by FROM membership_event e
                           WHERE e.membership_id = m.id AND e.retracted_by IS NOT NULL) AS recorders,
              (SELECT json_build_object('id', e.id, 'status', e.status, 'effectiveOn', e.effective_on,
                                        'recordedBy', e.recorded_by)
                 FROM membership_event e WHERE e.membership_id = m.id AND e.retracted_at IS NULL
                ORDER BY e.effective_on, ${EVENT_PLACE} LIMIT 1) AS "firstEvent"
         FROM membership m
        WHERE m.coalition_id = $1 AND m.participant_id = $2`,
      [coalitionId, participantId],
    );
    return row ?? null;
  }
}
