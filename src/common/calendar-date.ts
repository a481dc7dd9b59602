import { InvalidInput } from './domain-errors.js';

/**
 * The registry's dates are calendar dates (no time, no zone), carried as ISO strings `YYYY-MM-DD`.
 * This is the one place that decides what a valid date is.
 */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Gregorian: every fourth year, but not the centuries, except every fourth century. */
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const ZERO = 48;
const DASH = 45;

/** The number written by the `length` ASCII digits of `text` from `start`, or NaN if one is not a digit. */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let position = start; position < start + length; position += 1) {
    const digit = text.charCodeAt(position) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * `YYYY-MM-DD`, a day that exists, between 1900 and 2999. Read character by character rather than
 * with a regular expression or a Date: every date of every answer passes here (as the Date scalar's
 * serialiser), and a match array per date was a tenth of a nested page's allocations.
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10) return false;
  if (value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  // NaN fails every comparison below.
  if (!(year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1)) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);
}

export function parseCalendarDate(value: unknown, argument: string): string {
  if (!isCalendarDate(value)) {
    throw new InvalidInput(argument, `${argument} must be a calendar date written YYYY-MM-DD between 1900 and 2999`);
  }
  return value;
}

/** Today in UTC: the registry's clock for "not in the future". */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The date-order rule of every recorded fact: it cannot lie in the future, nor precede the fact
 * it follows (a status change cannot predate the previous one).
 */
export function assertDateInOrder(date: string, argument: string, notBefore?: string | null): void {
  if (date > today()) throw new InvalidInput(argument, `${argument} (${date}) cannot lie in the future`);
  if (notBefore && date < notBefore) {
    throw new InvalidInput(argument, `${argument} (${date}) cannot precede the previous event, dated ${notBefore}`);
  }
}
