import { Injectable } from '@nestjs/common';
import { today } from '../common/calendar-date.js';
import { InvalidInput } from '../common/domain-errors.js';
import { ALL_MEMBERSHIP_STATUSES } from './membership-status.js';
import { MembershipTimelineRepository } from './membership-timeline.repository.js';
import { TimelineInterval, type TimelinePeriod } from './membership.model.js';
import { MAX_TIMELINE_PERIODS, periodCount } from './timeline-periods.js';

/** PostgreSQL's name for each interval (for date_trunc) and its length. */
const INTERVALS: Record<TimelineInterval, { unit: string; step: string }> = {
  [TimelineInterval.MONTH]: { unit: 'month', step: '1 month' },
  [TimelineInterval.QUARTER]: { unit: 'quarter', step: '3 months' },
  [TimelineInterval.YEAR]: { unit: 'year', step: '1 year' },
};

@Injectable()
export class MembershipTimelineService {
  constructor(private readonly timelines: MembershipTimelineRepository) {}

  async timeline(
    coalition: { id: string; launchedOn: string | null },
    interval: TimelineInterval,
    from: string | null,
    to: string | null,
  ): Promise<TimelinePeriod[]> {
    const end = to ?? today();
    const start = from ?? coalition.launchedOn ?? (await this.timelines.firstEventDate(coalition.id)) ?? end;
    if (start > end) throw new InvalidInput('from', `from (${start}) must not be after to (${end})`);
    const periods = periodCount(interval, start, end);
    if (periods > MAX_TIMELINE_PERIODS) {
      throw new InvalidInput(
        'from',
        `That is ${periods} periods; at most ${MAX_TIMELINE_PERIODS}: narrow from/to or use a longer interval`,
      );
    }
    const { unit, step } = INTERVALS[interval];
    const rows = await this.timelines.rows(coalition.id, start, end, unit, step, ALL_MEMBERSHIP_STATUSES);
    const byBucket = new Map<string, TimelinePeriod>();
    for (const row of rows) {
      let period = byBucket.get(row.bucket);
      if (!period) {
        // The first and last periods are clipped to [from, to], so each end is a date stats(asOf:) can be asked about.
        period = {
          start: row.bucket < start ? start : row.bucket,
          end: row.natural_end > end ? end : row.natural_end,
          total: 0,
          byStatus: [],
        };
        byBucket.set(row.bucket, period);
      }
      period.byStatus.push({ status: row.status, count: row.count });
      period.total += row.count;
    }
    for (const period of byBucket.values()) {
      period.byStatus.sort(
        (a, b) => ALL_MEMBERSHIP_STATUSES.indexOf(a.status) - ALL_MEMBERSHIP_STATUSES.indexOf(b.status),
      );
    }
    return [...byBucket.values()];
  }
}
