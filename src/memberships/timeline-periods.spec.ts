import { TimelineInterval } from './membership.model.js';
import { MAX_TIMELINE_PERIODS, periodCount, timelinePeriodsAtMost } from './timeline-periods.js';

describe('periodCount', () => {
  it('counts every month, quarter or year that [from, to] touches', () => {
    expect(periodCount(TimelineInterval.MONTH, '2023-07-07', '2023-07-31')).toBe(1);
    expect(periodCount(TimelineInterval.MONTH, '2023-07-31', '2024-01-01')).toBe(7);
    expect(periodCount(TimelineInterval.QUARTER, '2023-03-31', '2023-04-01')).toBe(2);
    expect(periodCount(TimelineInterval.QUARTER, '2023-01-01', '2024-12-31')).toBe(8);
    expect(periodCount(TimelineInterval.YEAR, '2023-12-31', '2025-01-01')).toBe(3);
  });

  it('is 0 when from is after to', () => {
    expect(periodCount(TimelineInterval.MONTH, '2024-02-01', '2024-01-31')).toBe(0);
  });
});

describe('timelinePeriodsAtMost (the query cost of a timeline)', () => {
  it('is the number of periods when from is known', () => {
    expect(timelinePeriodsAtMost('YEAR', '2023-01-01', '2025-06-30')).toBe(3);
  });

  it('is the cap when from is not given (the launch is unknown before the query runs), or too far back', () => {
    expect(timelinePeriodsAtMost('MONTH', undefined, '2025-06-30')).toBe(MAX_TIMELINE_PERIODS);
    expect(timelinePeriodsAtMost('MONTH', '1900-01-01', '2999-12-31')).toBe(MAX_TIMELINE_PERIODS);
  });
});
