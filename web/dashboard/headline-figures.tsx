import { Fragment } from 'react';
import { RouteLink } from './dashboard-route';
import type { CoalitionOverview, MembershipRow, ReportedFigure } from './registry-types';
import { figureCounts, formatDate, plural } from './registry-wording';
import { SourceLinks } from './source-links';
import './headline-figures.css';

const LAUNCH_WINDOW_DAYS = 7;

/** A figure reported within a week of the launch date counts as the launch headcount (a lower bound never does). */
function isAtLaunch(figure: ReportedFigure, launchedOn: string | null): boolean {
  if (!launchedOn || figure.reportedOnPrecision === 'ON_OR_AFTER') return false;
  const days = Math.abs(Date.parse(figure.reportedOn) - Date.parse(launchedOn)) / 86_400_000;
  return days <= LAUNCH_WINDOW_DAYS;
}

function Headcount({ count, qualifier, noun }: { count: number; qualifier: string; noun: string }) {
  return (
    <span className="headcount">
      {qualifier && <span className="headcount-qualifier">{qualifier} </span>}
      <span className="headcount-number">{count}</span> <span className="headcount-noun">{noun}</span>
    </span>
  );
}

function ReportedFigureItem({ figure, launchedOn }: { figure: ReportedFigure; launchedOn: string | null }) {
  return (
    <li className="reported-figure">
      <p className="reported-figure-counts">
        {figureCounts(figure).map((count, index) => (
          <Fragment key={count.noun}>
            {index > 0 && ' and '}
            <Headcount {...count} />
          </Fragment>
        ))}
      </p>
      <p className="reported-figure-when">
        {isAtLaunch(figure, launchedOn) && <strong className="tag">at launch</strong>}{' '}
        {formatDate(figure.reportedOn, figure.reportedOnPrecision)}
      </p>
      <blockquote className="reported-figure-wording">“{figure.wording}”</blockquote>
      <p className="reported-figure-sources">
        <SourceLinks sources={figure.sources} />
      </p>
    </li>
  );
}

/**
 * Three kinds of truth, side by side and never added together: what sources reported (headcounts that
 * name no one), whom sources name as members, and who was invited but does not take part.
 */
export function HeadlineFigures({
  coalition,
  roster,
}: {
  coalition: CoalitionOverview;
  roster: MembershipRow[] | undefined;
}) {
  const { stats } = coalition;
  const countries = stats.byKind.find((entry) => entry.kind === 'COUNTRY')?.committed ?? 0;
  const organizations = stats.byKind.find((entry) => entry.kind === 'INTERNATIONAL_ORGANIZATION')?.committed ?? 0;
  const invited = roster?.filter((row) => row.status === 'INVITED') ?? [];
  return (
    <section className="headline" aria-label="Headline figures">
      <section className="figure-group reported" aria-labelledby="reported-title">
        <h2 id="reported-title">Reported figures</h2>
        <p className="figure-group-note">Headcounts that sources published. No source names the members behind them.</p>
        <ol className="reported-figures">
          {coalition.reportedFigures.map((figure) => (
            <ReportedFigureItem key={figure.id} figure={figure} launchedOn={coalition.launchedOn} />
          ))}
        </ol>
      </section>

      <section className="figure-group named" aria-labelledby="named-title">
        <h2 id="named-title">Named roster</h2>
        <p className="figure-group-note">Members that a source names as participating.</p>
        <p className="big-number" data-testid="named-participating">
          {stats.committed}
        </p>
        <p>
          participating: {plural(countries, 'country', 'countries')} and{' '}
          {plural(organizations, 'organisation', 'organisations')}
        </p>
        <p className="figure-group-detail">
          {plural(stats.total, 'membership', 'memberships')} on record, any status, as of {formatDate(stats.asOf)}.
        </p>
        {coalition.rosterNote && <p className="roster-note">{coalition.rosterNote}</p>}
      </section>

      <section className="figure-group invited" aria-labelledby="invited-title">
        <h2 id="invited-title">Invited, not participating</h2>
        <p className="figure-group-note">An invitation is not participation.</p>
        <p className="big-number" data-testid="invited-not-participating">
          {stats.invitedNotParticipating}
        </p>
        {invited.length > 0 && (
          <ul className="invited-list">
            {invited.map((row) => (
              <li key={row.id}>
                <RouteLink to={{ coalition: coalition.slug, member: row.participant.code }}>
                  {row.participant.name}
                </RouteLink>
                , invited {formatDate(row.statusSince, row.statusSincePrecision)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
