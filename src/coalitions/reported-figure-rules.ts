import { DatePrecision, isPointInTime } from '../common/date-precision.js';
import { InvalidInput } from '../common/domain-errors.js';
import { INPUT_LIMITS } from '../common/input-rules.js';
import { FigureQualifier } from './figure-qualifier.js';

/**
 * The rules of a reported headcount, in one place: what a figure must say, and which figure
 * `stats(asOf:)` reports for a date.
 */

/** The numbers of a figure as a write gives them: each with an optional qualifier. */
export interface FigureNumbersInput {
  countries?: number | null;
  countriesQualifier?: FigureQualifier | null;
  organizations?: number | null;
  organizationsQualifier?: FigureQualifier | null;
  combined?: number | null;
  combinedQualifier?: FigureQualifier | null;
}

/** The numbers as stored: a number has a qualifier (EXACT unless the source hedged), a missing one has none. */
export interface FigureNumbers {
  countries: number | null;
  countriesQualifier: FigureQualifier | null;
  organizations: number | null;
  organizationsQualifier: FigureQualifier | null;
  combined: number | null;
  combinedQualifier: FigureQualifier | null;
}

const COUNTS = ['countries', 'organizations', 'combined'] as const;

/**
 * A figure says at least one number: countries, organisations, or both together (`combined`, for a
 * source that does not tell them apart). A number is a whole count up to `INPUT_LIMITS.headcount`;
 * a qualifier belongs to a number and cannot stand without one.
 */
export function checkFigureNumbers(input: FigureNumbersInput): FigureNumbers {
  const numbers = {} as FigureNumbers;
  for (const count of COUNTS) {
    const qualifierField = `${count}Qualifier` as const;
    const value = input[count] ?? null;
    const qualifier = input[qualifierField] ?? null;
    if (value !== null && (!Number.isInteger(value) || value < 0 || value > INPUT_LIMITS.headcount)) {
      throw new InvalidInput(count, `${count} must be a whole number from 0 to ${INPUT_LIMITS.headcount}`);
    }
    if (value === null && qualifier !== null) {
      throw new InvalidInput(qualifierField, `${qualifierField} qualifies ${count}, which is missing`);
    }
    numbers[count] = value;
    numbers[qualifierField] = value === null ? null : (qualifier ?? FigureQualifier.EXACT);
  }
  if (COUNTS.every((count) => numbers[count] === null)) {
    throw new InvalidInput(
      'countries',
      'A reported figure needs at least one number: countries, organizations, or combined (both together)',
    );
  }
  return numbers;
}

/** What the choice of `stats(asOf:).reported` needs to know of a figure. */
export interface FigureInTime {
  reportedOn: string;
  reportedOnPrecision: DatePrecision;
  /** The order figures were recorded in (a bigint, as text). */
  sequence: string;
  retractedAt: Date | null;
}

/**
 * The figure `stats(asOf:)` reports for `asOf`: the latest standing figure dated on or before it.
 * A retracted figure never counts, nor does one dated ON_OR_AFTER (no one knows when it became true,
 * so it cannot be said to hold on any given day). Of two figures of the same day, the one recorded
 * first stands: a later source repeating the day does not displace it. Null when nothing qualifies.
 */
export function reportedFigureAsOf<Figure extends FigureInTime>(
  figures: readonly Figure[],
  asOf: string,
): Figure | null {
  let chosen: Figure | null = null;
  for (const figure of figures) {
    if (figure.retractedAt !== null || !isPointInTime(figure.reportedOnPrecision) || figure.reportedOn > asOf) continue;
    if (
      chosen === null ||
      figure.reportedOn > chosen.reportedOn ||
      (figure.reportedOn === chosen.reportedOn && BigInt(figure.sequence) < BigInt(chosen.sequence))
    ) {
      chosen = figure;
    }
  }
  return chosen;
}
