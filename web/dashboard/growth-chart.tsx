import {
  alternateCrowdedLabels,
  chartScale,
  CHART,
  growthDates,
  growthSeries,
  linePath,
  stepPath,
  type GrowthSeries,
} from './growth-series';
import { fetchStatsOn } from './registry-api';
import type { CoalitionOverview, MembershipRow } from './registry-types';
import { formatDate, todayIsoDate } from './registry-wording';
import { ErrorNote, LoadingNote } from './status-notes';
import { useRegistryQuery } from './use-registry-query';
import './growth-chart.css';

function GrowthSvg({ series }: { series: GrowthSeries }) {
  const scale = chartScale(series);
  const plotBottom = CHART.height - CHART.bottom;
  const labelsBelow = alternateCrowdedLabels(series.reportedCountries.map((point) => scale.x(point.date)));
  return (
    <svg className="growth-chart" viewBox={`0 0 ${CHART.width} ${CHART.height}`} aria-hidden="true">
      {scale.yTicks.map((tick) => (
        <g key={tick} className="axis">
          <line
            x1={CHART.left}
            x2={CHART.width - CHART.right}
            y1={scale.y(tick)}
            y2={scale.y(tick)}
            className="gridline"
          />
          <text x={CHART.left - 6} y={scale.y(tick)} dy="0.32em" textAnchor="end">
            {tick}
          </text>
        </g>
      ))}
      {scale.yearTicks.map((tick) => (
        <g key={tick.year} className="axis">
          <line x1={tick.x} x2={tick.x} y1={CHART.top} y2={plotBottom} className="gridline year" />
          <text x={tick.x} y={plotBottom + 18} textAnchor="middle">
            {tick.year}
          </text>
        </g>
      ))}
      <path className="series reported" d={linePath(series.reportedCountries, scale)} />
      {series.reportedCountries.map((point, index) => (
        <g key={point.date} className="reported-point">
          <circle cx={scale.x(point.date)} cy={scale.y(point.value)} r="4.5" />
          <text x={scale.x(point.date)} y={scale.y(point.value) + (labelsBelow[index] ? 20 : -9)} textAnchor="middle">
            {point.value}
          </text>
        </g>
      ))}
      <path className="series named" d={stepPath(series.namedCountries, scale)} />
      <path className="series invited" d={stepPath(series.invitedNotParticipating, scale)} />
    </svg>
  );
}

function GrowthTable({ series }: { series: GrowthSeries }) {
  return (
    <details className="chart-data">
      <summary>The numbers behind the chart</summary>
      <table>
        <caption>Countries named as participating, and invited but not participating, on each date</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Named, participating</th>
            <th scope="col">Invited, not participating</th>
          </tr>
        </thead>
        <tbody>
          {series.namedCountries.map((point, index) => (
            <tr key={point.date}>
              <th scope="row">{formatDate(point.date)}</th>
              <td>{point.value}</td>
              <td>{series.invitedNotParticipating[index]?.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Countries in the reported headcounts</caption>
        <thead>
          <tr>
            <th scope="col">Reported on</th>
            <th scope="col">Countries</th>
          </tr>
        </thead>
        <tbody>
          {series.reportedCountries.map((point) => (
            <tr key={point.date}>
              <th scope="row">{formatDate(point.date)}</th>
              <td>{point.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/**
 * Growth over time: the named roster from `stats(asOf:)` on each date it can have changed, drawn as a
 * step line, beside the reported headcounts as separate, dashed points. The gap between them is the point.
 */
export function GrowthChart({
  slug,
  coalition,
  roster,
  revision,
}: {
  slug: string;
  coalition: CoalitionOverview;
  roster: MembershipRow[] | undefined;
  /** Goes up with every change to the coalition (use-live-revision.ts): the counts are read again. */
  revision: number;
}) {
  const dates = roster ? growthDates(roster, coalition.launchedOn, todayIsoDate()) : [];
  const stats = useRegistryQuery(
    (signal) => (dates.length ? fetchStatsOn(slug, dates, signal) : Promise.resolve(undefined)),
    [slug, revision, dates.join()],
  );
  const series = stats.data ? growthSeries(stats.data, coalition.reportedFigures) : undefined;
  return (
    <figure className="panel growth-panel" aria-labelledby="growth-title">
      <h2 id="growth-title">Growth over time</h2>
      {stats.error && <ErrorNote error={stats.error} />}
      {!series && !stats.error && <LoadingNote what="the growth chart" />}
      {series && <GrowthSvg series={series} />}
      <figcaption>
        <ul className="chart-legend">
          <li>
            <span className="key reported" aria-hidden="true" /> Countries in a reported headcount (names unknown)
          </li>
          <li>
            <span className="key named" aria-hidden="true" /> Countries a source names as participating
          </li>
          <li>
            <span className="key invited" aria-hidden="true" /> Invited, not participating
          </li>
        </ul>
        {series && <GrowthTable series={series} />}
      </figcaption>
    </figure>
  );
}
