import { DatePrecision } from '../common/date-precision.js';
import { refusal } from '../../test/support/refusal.js';
import { FigureQualifier } from './figure-qualifier.js';
import { checkFigureNumbers, reportedFigureAsOf, type FigureInTime } from './reported-figure-rules.js';

describe('what a reported figure must say', () => {
  it('keeps the numbers given, EXACT unless the source hedged', () => {
    expect(
      checkFigureNumbers({ countries: 100, countriesQualifier: FigureQualifier.MORE_THAN, organizations: 11 }),
    ).toEqual({
      countries: 100,
      countriesQualifier: FigureQualifier.MORE_THAN,
      organizations: 11,
      organizationsQualifier: FigureQualifier.EXACT,
      combined: null,
      combinedQualifier: null,
    });
  });

  it('accepts one combined count of countries and organisations alone', () => {
    expect(checkFigureNumbers({ combined: 97 })).toMatchObject({
      countries: null,
      organizations: null,
      combined: 97,
      combinedQualifier: FigureQualifier.EXACT,
    });
  });

  it('refuses a figure without any number', () => {
    expect(refusal(() => checkFigureNumbers({})).argument).toBe('countries');
    expect(refusal(() => checkFigureNumbers({ countries: null, organizations: null })).message).toMatch(
      /at least one number/,
    );
  });

  it.each([
    ['countriesQualifier', { organizations: 3, countriesQualifier: FigureQualifier.ABOUT }],
    ['organizationsQualifier', { countries: 3, organizationsQualifier: FigureQualifier.NEARLY }],
    ['combinedQualifier', { countries: 3, combinedQualifier: FigureQualifier.AT_LEAST }],
  ])('refuses a qualifier without its number, naming %s', (field, input) => {
    expect(refusal(() => checkFigureNumbers(input)).argument).toBe(field);
  });

  it.each([
    ['countries', { countries: -1 }],
    ['organizations', { organizations: 2.5 }],
    ['combined', { combined: 1_000_000 }],
  ])('refuses a count that is not a plausible whole number, naming %s', (field, input) => {
    expect(refusal(() => checkFigureNumbers(input)).argument).toBe(field);
  });
});

describe('which figure stats(asOf:) reports', () => {
  const figure = (
    sequence: number,
    reportedOn: string,
    precision = DatePrecision.DAY,
    retractedAt: Date | null = null,
  ): FigureInTime & { name: string } => ({
    name: `#${sequence}`,
    sequence: String(sequence),
    reportedOn,
    reportedOnPrecision: precision,
    retractedAt,
  });

  it('is the latest figure dated on or before the day', () => {
    const figures = [figure(1, '2023-07-06'), figure(2, '2023-11-16'), figure(3, '2024-09-24')];
    expect(reportedFigureAsOf(figures, '2024-01-01')?.name).toBe('#2');
    expect(reportedFigureAsOf(figures, '2024-09-24')?.name).toBe('#3');
    expect(reportedFigureAsOf(figures, '2023-07-05')).toBeNull();
  });

  it('counts a figure dated to the month from the date it is stored with', () => {
    expect(reportedFigureAsOf([figure(1, '2024-03-01', DatePrecision.MONTH)], '2024-03-01')?.name).toBe('#1');
  });

  it('never chooses a figure dated ON_OR_AFTER, whatever the day asked', () => {
    const figures = [figure(1, '2024-09-24'), figure(2, '2024-09-25', DatePrecision.ON_OR_AFTER)];
    expect(reportedFigureAsOf(figures, '2026-01-01')?.name).toBe('#1');
    expect(reportedFigureAsOf([figures[1]!], '2026-01-01')).toBeNull();
  });

  it('never chooses a retracted figure: the one before it stands again', () => {
    const figures = [figure(1, '2023-07-06'), figure(2, '2023-11-16', DatePrecision.DAY, new Date())];
    expect(reportedFigureAsOf(figures, '2024-01-01')?.name).toBe('#1');
  });

  it('keeps the figure recorded first when two share a day, in whatever order they are given', () => {
    const figures = [figure(12, '2023-07-07'), figure(3, '2023-07-07'), figure(7, '2023-07-06')];
    expect(reportedFigureAsOf(figures, '2023-07-07')?.name).toBe('#3');
  });
});
