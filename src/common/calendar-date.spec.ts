import { assertDateInOrder, isCalendarDate, parseCalendarDate, today } from './calendar-date.js';
import { InvalidInput } from './domain-errors.js';

describe('calendar dates', () => {
  it.each(['2023-07-07', '2024-02-29', '1900-01-01', '2999-12-31'])('accepts %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each([
    '2023-02-29',
    '2023-13-01',
    '2023-00-10',
    '2023-7-7',
    '07/07/2023',
    '1899-12-31',
    '3000-01-01',
    '2023-07-0a',
    '2023/07/07',
    '+023-07-07',
    '2023-07-07\n',
    '2023-07-7 ',
    '２０２３-07-07',
    '',
    20230707,
    null,
  ])('refuses %p', (date) => {
    expect(isCalendarDate(date)).toBe(false);
  });

  it('agrees with the Gregorian calendar on every day of century and leap years', () => {
    for (const year of [1900, 2000, 2023, 2024, 2100, 2400]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 0; day <= 32; day++) {
          const date = new Date(Date.UTC(year, month - 1, day));
          const isReal = day > 0 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(isCalendarDate(text)).toBe(isReal);
        }
      }
    }
  });

  it('names the argument when it refuses', () => {
    expect(() => parseCalendarDate('nope', 'effectiveOn')).toThrow(InvalidInput);
    expect(() => parseCalendarDate('nope', 'effectiveOn')).toThrow(/effectiveOn/);
  });
});

describe('date order', () => {
  it('accepts today, the past, and a date equal to the previous one', () => {
    expect(() => assertDateInOrder(today(), 'effectiveOn')).not.toThrow();
    expect(() => assertDateInOrder('2024-01-01', 'effectiveOn', '2024-01-01')).not.toThrow();
  });

  it('refuses the future', () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(() => assertDateInOrder(tomorrow, 'effectiveOn')).toThrow(/effectiveOn .* cannot lie in the future/);
  });

  it('refuses a date before the previous event', () => {
    expect(() => assertDateInOrder('2023-12-31', 'effectiveOn', '2024-01-01')).toThrow(
      /cannot precede the previous event, dated 2024-01-01/,
    );
  });
});
