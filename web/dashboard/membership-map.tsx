import { useMemo } from 'react';
import { routeHref, useRouteClick } from './dashboard-route';
import type { MembershipRow, MembershipStatus } from './registry-types';
import { STATUS_LABEL, STATUS_ORDER } from './registry-wording';
import { ErrorNote, LoadingNote } from './status-notes';
import { useRegistryQuery } from './use-registry-query';
import { loadWorldShapes, MAP_HEIGHT, MAP_WIDTH } from './world-shapes';
import './membership-map.css';

const NOT_NAMED = 'Not named by any source';

function MapLegend({ counts }: { counts: Map<MembershipStatus, number> }) {
  return (
    <ul className="map-legend">
      {STATUS_ORDER.filter((status) => counts.has(status)).map((status) => (
        <li key={status}>
          <svg className="swatch" viewBox="0 0 16 16" aria-hidden="true">
            <rect className="country" data-status={status} width="16" height="16" />
          </svg>
          {STATUS_LABEL[status]} ({counts.get(status)})
        </li>
      ))}
      <li>
        <svg className="swatch" viewBox="0 0 16 16" aria-hidden="true">
          <rect className="country" data-status="NONE" width="16" height="16" />
        </svg>
        {NOT_NAMED}: such a country may still be among the reported headcounts
      </li>
    </ul>
  );
}

/** The named roster on a world map, each country coloured by its status; a member's shape links to its record. */
export function MembershipMap({ slug, roster }: { slug: string; roster: MembershipRow[] | undefined }) {
  const shapes = useRegistryQuery((signal) => loadWorldShapes(signal), []);
  const routeClick = useRouteClick();
  const byCode = useMemo(() => new Map((roster ?? []).map((row) => [row.participant.code, row])), [roster]);
  const counts = useMemo(() => {
    const tally = new Map<MembershipStatus, number>();
    for (const row of roster ?? [])
      if (row.participant.kind === 'COUNTRY') tally.set(row.status, (tally.get(row.status) ?? 0) + 1);
    return tally;
  }, [roster]);
  const organizations = (roster ?? []).filter((row) => row.participant.kind === 'INTERNATIONAL_ORGANIZATION');

  return (
    <figure className="panel map-panel" aria-labelledby="map-title">
      <h2 id="map-title">The named roster on the map</h2>
      {shapes.error && <ErrorNote error={shapes.error} />}
      {!shapes.data && !shapes.error && <LoadingNote what="the map" />}
      {shapes.data && (
        <svg className="membership-map" viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} aria-labelledby="map-title">
          <defs>
            <pattern
              id="invited-hatch"
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" className="hatch-ground" />
              <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" />
            </pattern>
          </defs>
          <path className="sphere" d={shapes.data.outline} aria-hidden="true" />
          {shapes.data.countries.map((shape, index) => {
            const row = shape.alpha2 ? byCode.get(shape.alpha2) : undefined;
            if (!row) {
              return (
                <path key={index} className="country" data-status="NONE" d={shape.path} aria-hidden="true">
                  <title>{`${shape.name}: ${NOT_NAMED.toLowerCase()}`}</title>
                </path>
              );
            }
            const to = { coalition: slug, member: row.participant.code };
            const label = `${row.participant.name}: ${STATUS_LABEL[row.status].toLowerCase()}`;
            return (
              <a key={index} href={routeHref(to)} onClick={routeClick(to)} aria-label={label} className="map-member">
                <path className="country" data-status={row.status} data-code={row.participant.code} d={shape.path}>
                  <title>{label}</title>
                </path>
              </a>
            );
          })}
        </svg>
      )}
      <figcaption>
        <MapLegend counts={counts} />
        {organizations.length > 0 && (
          <p className="map-organizations">
            Also on the roster, not on the map:{' '}
            {organizations
              .map((row) => `${row.participant.name} (${STATUS_LABEL[row.status].toLowerCase()})`)
              .join(', ')}
            .
          </p>
        )}
      </figcaption>
    </figure>
  );
}
