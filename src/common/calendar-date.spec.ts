import { isCalendarDate, parseCalendarDate } from './calendar-date.js';
import { InvalidInput } from './domain-errors.js';

describe('calendar dates', () => {
  it.each(['2023-07-07', '2024-02-29', '1900-01-01', '2999-12-31'])('accepts %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each(['2023-02-29', '2023-13-01', '2023-00-10', '2023-7-7', '07/07/2023', '1899-12-31', '3000-01-01', '', 20230707, null])(
    'refuses %p',
    (date) => {
      expect(isCalendarDate(date)).toBe(false);
    },
  );

  it('names the argument when it refuses', () => {
    expect(() => parseCalendarDate('nope', 'effectiveOn')).toThrow(InvalidInput);
    expect(() => parseCalendarDate('nope', 'effectiveOn')).toThrow(/effectiveOn/);
  });
});
