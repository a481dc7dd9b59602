import { GrowthChart } from './growth-chart';
import { HeadlineFigures } from './headline-figures';
import { MemberTable } from './member-table';
import { MembershipMap } from './membership-map';
import { fetchCoalitionOverview, fetchWholeRoster } from './registry-api';
import { formatDate } from './registry-wording';
import { ErrorNote, LoadingNote } from './status-notes';
import { liveMarkText, useLiveRevision } from './use-live-revision';
import { useRegistryQuery } from './use-registry-query';

/** One coalition at a glance: the figures, the map, growth over time and the member table. */
export function CoalitionView({ slug }: { slug: string }) {
  const live = useLiveRevision(slug);
  const overview = useRegistryQuery((signal) => fetchCoalitionOverview(slug, signal), [slug, live.revision]);
  const roster = useRegistryQuery((signal) => fetchWholeRoster(slug, signal), [slug, live.revision]);

  if (overview.error) return <ErrorNote error={overview.error} />;
  if (!overview.data)
    return overview.isLoading ? <LoadingNote what="the coalition" /> : <p>No coalition “{slug}” in the registry.</p>;
  const coalition = overview.data;
  return (
    <article className="coalition" aria-labelledby="coalition-name">
      <header className="coalition-heading">
        <h1 id="coalition-name">{coalition.name}</h1>
        <p className={`live-mark live-mark-${live.mode}`} data-testid="live-mark" role="status">
          {liveMarkText(live.mode)}
        </p>
        <p className="coalition-facts">
          {coalition.launchedOn && <>Launched {formatDate(coalition.launchedOn)}</>}
          {coalition.convener && <> · convened by {coalition.convener.name}</>}
        </p>
        {coalition.description && <p className="coalition-description">{coalition.description}</p>}
      </header>
      <HeadlineFigures coalition={coalition} roster={roster.data} />
      {roster.error && <ErrorNote error={roster.error} />}
      <div className="panels">
        <MembershipMap slug={slug} roster={roster.data} />
        <GrowthChart slug={slug} coalition={coalition} roster={roster.data} revision={live.revision} />
      </div>
      <MemberTable
        slug={slug}
        revision={live.revision}
        regions={coalition.stats.byRegion.map((entry) => entry.region).filter((region) => region !== null)}
      />
    </article>
  );
}
