import { geoEqualEarth, geoPath } from 'd3-geo';
import { numericToAlpha2 } from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Served by the service as a hashed asset: no map tiles or shapes from anywhere else.
import atlasUrl from 'world-atlas/countries-50m.json?url';

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

export interface CountryShape {
  /** ISO 3166-1 alpha-2, as the registry codes countries; null for places without one (e.g. Kosovo, N. Cyprus). */
  alpha2: string | null;
  name: string;
  path: string;
}

export interface WorldShapes {
  outline: string;
  countries: CountryShape[];
}

type Atlas = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/**
 * Natural Earth's country shapes (world-atlas, 1:50m: one shape per country or territory), projected
 * once. world-atlas identifies countries by ISO 3166-1 numeric code; i18n-iso-countries turns that into
 * the alpha-2 code the registry uses.
 */
export async function loadWorldShapes(signal: AbortSignal): Promise<WorldShapes> {
  const response = await fetch(atlasUrl, { signal });
  if (!response.ok) throw new Error(`The map shapes did not load (HTTP ${response.status})`);
  const atlas = (await response.json()) as Atlas;
  const collection = feature(atlas, atlas.objects.countries);
  const sphere = { type: 'Sphere' } as const;
  const projection = geoEqualEarth().fitSize([MAP_WIDTH, MAP_HEIGHT], sphere);
  const toPath = geoPath(projection);
  return {
    outline: toPath(sphere) ?? '',
    countries: collection.features.map((shape) => ({
      alpha2: shape.id === undefined ? null : (numericToAlpha2(shape.id) ?? null),
      name: shape.properties.name,
      path: toPath(shape) ?? '',
    })),
  };
}
