import { InvalidInput } from './domain-errors.js';

/**
 * The registry's dates are calendar dates (no time, no zone), carried as ISO strings `YYYY-MM-DD`.
 * This is the one place that decides what a valid date is.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2999) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
