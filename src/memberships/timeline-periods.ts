import { isCalendarDate, today } from '../common/calendar-date.js';
import { TimelineInterval } from './membership.model.js';

/** The most periods one timeline may have (50 years of months); more is BAD_USER_INPUT. */
export const MAX_TIMELINE_PERIODS = 600;

const MONTHS_PER_PERIOD: Record<TimelineInterval, number> = {
  [TimelineInterval.MONTH]: 1,
  [TimelineInterval.QUARTER]: 3,
  [TimelineInterval.YEAR]: 12,
};

/** How many periods of `interval` touch [from, to] (dates `YYYY-MM-DD`); 0 when from is after to. */
export function periodCount(interval: TimelineInterval, from: string, to: string): number {
  if (from > to) return 0;
  const months = MONTHS_PER_PERIOD[interval];
  const periodOf = (date: string) =>
    Math.floor((Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1) / months);
  return periodOf(to) - periodOf(from) + 1;
}

/**
 * The most periods a timeline asked with these arguments can return, for its query cost: known when
 * `from` is given (`to` defaults to today); without `from` the timeline starts at the coalition's
 * launch, unknown before the query runs, so it is costed at the cap.
 */
export function timelinePeriodsAtMost(interval: unknown, from: unknown, to: unknown): number {
  const isInterval = typeof interval === 'string' && interval in MONTHS_PER_PERIOD;
  if (!isInterval || !isCalendarDate(from)) return MAX_TIMELINE_PERIODS;
  const count = periodCount(interval as TimelineInterval, from, isCalendarDate(to) ? to : today());
  return Math.min(Math.max(count, 1), MAX_TIMELINE_PERIODS);
}
