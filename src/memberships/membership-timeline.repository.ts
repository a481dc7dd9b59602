import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRead } from '../database/prepared-read.js';
import type { MembershipStatus } from './membership-status.js';
import { EVENT_PLACE } from './membership.repository.js';

/**
 * Growth over time, from the standing event history in one query: each event adds one to its status and takes
 * one from the status it replaced; deltas are summed per period and accumulated, so each period
 * gives the counts as they stood at its end, exactly what `stats(asOf: end)` answers. Parameters:
 * $1 the coalition's id (or the SQL given as `coalition`), $2 from, $3 to, $4 the date_trunc unit,
 * $5 the period's length, $6 the statuses. The benchmark runs the same text for its other systems.
 */
export const timelineSql = (coalition = '$1'): string => `
  WITH ordered AS (
         -- Per membership through LATERAL, so each reads its own events by index even under a generic
         -- plan (prepared statements): a plan that guessed "effective_on <= $3" selective read every event.
         SELECT e.status, e.effective_on, e.replaced
           FROM membership m
          CROSS JOIN LATERAL (
                SELECT ev.status, ev.effective_on,
                       lag(ev.status) OVER (ORDER BY ev.effective_on, ${EVENT_PLACE.replaceAll('e.', 'ev.')}) AS replaced
                  FROM membership_event ev
                 WHERE ev.membership_id = m.id AND ev.effective_on <= $3::date AND ev.retracted_at IS NULL) AS e
          WHERE m.coalition_id = ${coalition}),
       deltas AS (
         SELECT effective_on, status, 1 AS delta FROM ordered
         UNION ALL
         SELECT effective_on, replaced, -1 FROM ordered WHERE replaced IS NOT NULL),
       bucketed AS (
         SELECT greatest(date_trunc($4, effective_on), date_trunc($4, $2::date))::date AS bucket, status, sum(delta) AS delta
           FROM deltas GROUP BY 1, 2),
       periods AS (
         SELECT generate_series(date_trunc($4, $2::date), date_trunc($4, $3::date), $5::interval)::date AS bucket),
       grid AS (
         SELECT periods.bucket, statuses.status FROM periods CROSS JOIN unnest($6::text[]) AS statuses(status))
  SELECT grid.bucket::text AS bucket, (grid.bucket + $5::interval - interval '1 day')::date::text AS natural_end, grid.status,
         (sum(coalesce(bucketed.delta, 0)) OVER (PARTITION BY grid.status ORDER BY grid.bucket))::int AS count
    FROM grid LEFT JOIN bucketed ON bucketed.bucket = grid.bucket AND bucketed.status = grid.status
   ORDER BY grid.bucket, grid.status`;
const TIMELINE_SQL = timelineSql();

export interface TimelineRow {
  bucket: string;
  natural_end: string;
  status: MembershipStatus;
  count: number;
}

/** The timeline's SQL, and the first event's date (where a timeline without `from` starts). */
@Injectable()
export class MembershipTimelineRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  rows(
    coalitionId: string,
    start: string,
    end: string,
    unit: string,
    step: string,
    statuses: readonly MembershipStatus[],
  ): Promise<TimelineRow[]> {
    return preparedRead(this.db, TIMELINE_SQL, [coalitionId, start, end, unit, step, statuses]);
  }

  async firstEventDate(coalitionId: string): Promise<string | null> {
    const [row] = await preparedRead<{ first: string | null }>(
      this.db,
      `SELECT min(e.effective_on)::text AS first FROM membership_event e JOIN membership m ON m.id = e.membership_id
        WHERE m.coalition_id = $1 AND e.retracted_at IS NULL`,
      [coalitionId],
    );
    return row?.first ?? null;
  }
}
