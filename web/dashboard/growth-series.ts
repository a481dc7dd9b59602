import { GROWTH_SLOTS } from './registry-operations';
import type { CoalitionStats, MembershipRow, ReportedFigure } from './registry-types';

/** Most dates one growth request asks `stats(asOf:)` for; one alias per date. */
export const MAX_GROWTH_DATES = GROWTH_SLOTS;

/**
 * The dates on which the named roster can have changed (every recorded status change, and the launch),
 * plus today; thinned evenly, keeping the first and the last, when there are more than one request takes.
 */
export function growthDates(roster: MembershipRow[], launchedOn: string | null, today: string): string[] {
  const dates = new Set<string>([today]);
  if (launchedOn) dates.add(launchedOn);
  for (const row of roster)
    for (const event of row.history) if (event.effectiveOn <= today) dates.add(event.effectiveOn);
  const sorted = [...dates].sort();
  if (sorted.length <= MAX_GROWTH_DATES) return sorted;
  const step = (sorted.length - 1) / (MAX_GROWTH_DATES - 1);
  return Array.from({ length: MAX_GROWTH_DATES }, (_, index) => sorted[Math.round(index * step)]!);
}

export interface GrowthPoint {
  date: string;
  value: number;
}

export interface GrowthSeries {
  namedCountries: GrowthPoint[];
  invitedNotParticipating: GrowthPoint[];
  reportedCountries: GrowthPoint[];
}

export function growthSeries(stats: CoalitionStats[], figures: ReportedFigure[]): GrowthSeries {
  return {
    namedCountries: stats.map((day) => ({
      date: day.asOf,
      value: day.byKind.find((entry) => entry.kind === 'COUNTRY')?.committed ?? 0,
    })),
    invitedNotParticipating: stats.map((day) => ({ date: day.asOf, value: day.invitedNotParticipating })),
    reportedCountries: figures.flatMap((figure) =>
      figure.countries === null ? [] : [{ date: figure.reportedOn, value: figure.countries }],
    ),
  };
}

export const CHART = { width: 560, height: 300, left: 40, right: 16, top: 22, bottom: 30 };

export interface ChartScale {
  x(date: string): number;
  y(value: number): number;
  maxValue: number;
  yTicks: number[];
  yearTicks: Array<{ year: number; x: number }>;
}

const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Linear scales from dates and counts to chart coordinates, with round tick values. */
export function chartScale(series: GrowthSeries): ChartScale {
  const all = [...series.namedCountries, ...series.invitedNotParticipating, ...series.reportedCountries];
  const times = all.map((point) => toTime(point.date));
  const [start, end] = [Math.min(...times), Math.max(...times)];
  const span = Math.max(end - start, 1);
  const maxValue = Math.max(10, Math.ceil(Math.max(...all.map((point) => point.value)) / 20) * 20);
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const x = (date: string) => CHART.left + ((toTime(date) - start) / span) * plotWidth;
  const y = (value: number) => CHART.top + plotHeight - (value / maxValue) * plotHeight;
  const yearTicks: Array<{ year: number; x: number }> = [];
  for (let year = new Date(start).getUTCFullYear() + 1; Date.UTC(year, 0, 1) <= end; year += 1) {
    yearTicks.push({ year, x: x(`${year}-01-01`) });
  }
  return { x, y, maxValue, yTicks: [0, 1, 2, 3, 4].map((step) => (maxValue / 4) * step), yearTicks };
}

/** A count that holds until the next date it changes: a step line, carried on to the chart's right edge. */
export function stepPath(points: GrowthPoint[], scale: ChartScale): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  let path = `M${scale.x(first!.date).toFixed(1)},${scale.y(first!.value).toFixed(1)}`;
  for (const point of rest) path += `H${scale.x(point.date).toFixed(1)}V${scale.y(point.value).toFixed(1)}`;
  return `${path}H${CHART.width - CHART.right}`;
}

export function linePath(points: GrowthPoint[], scale: ChartScale): string {
  return points
    .map(
      (point, index) =>
        `${index === 0 ? 'M' : 'L'}${scale.x(point.date).toFixed(1)},${scale.y(point.value).toFixed(1)}`,
    )
    .join('');
}

const LABEL_ROOM = 26;

/** Which point labels go below their point: every other one in a run of points too close to label side by side. */
export function alternateCrowdedLabels(xs: number[]): boolean[] {
  const below: boolean[] = [];
  xs.forEach((x, index) => below.push(index > 0 && x - xs[index - 1]! < LABEL_ROOM && !below[index - 1]));
  return below;
}
