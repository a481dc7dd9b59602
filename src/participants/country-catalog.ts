import { createRequire } from 'node:module';
import { foldForSearch } from '../common/search-text.js';
import { ParticipantKind } from './participant-kind.js';
import type { ParticipantEntity } from './participant.entity.js';

/**
 * Every ISO 3166-1 country, from maintained packages rather than typed by hand: `world-countries`
 * for names, alpha-3, region and subregion; `i18n-iso-countries` for the English names in common use
 * ("Turkey" beside "Türkiye").
 */
interface WorldCountry {
  cca2: string;
  cca3: string;
  status: string;
  name: { common: string; official: string };
  altSpellings: string[];
  region: string;
  subregion: string;
}

const require = createRequire(import.meta.url);
const worldCountries = require('world-countries') as WorldCountry[];
const isoCountries = require('i18n-iso-countries') as {
  getNames(lang: string, options: { select: 'all' }): Record<string, string[]>;
};

/** Short forms diplomats use that neither package lists. */
const EXTRA_ALIASES: Record<string, string[]> = {
  CN: ['PRC'],
  KR: ['ROK'],
  KP: ['DPRK'],
};

export type CountryRow = Omit<ParticipantEntity, 'id' | 'version'>;

export function searchTextOf(parts: ReadonlyArray<string | null | undefined>): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .map(foldForSearch)
    .join(' | ');
}

export function countryCatalog(): CountryRow[] {
  const englishNames = isoCountries.getNames('en', { select: 'all' });
  return worldCountries
    .filter((country) => country.status === 'officially-assigned')
    .map((country) => {
      const names = new Set([
        country.name.common,
        ...(englishNames[country.cca2] ?? []),
        ...country.altSpellings,
        ...(EXTRA_ALIASES[country.cca2] ?? []),
      ]);
      names.delete(country.cca2);
      names.delete(country.name.official);
      const name = country.name.common;
      names.delete(name);
      const aliases = [...names];
      return {
        kind: ParticipantKind.COUNTRY,
        code: country.cca2,
        alpha3: country.cca3,
        name,
        officialName: country.name.official,
        region: country.region || null,
        subregion: country.subregion || null,
        website: null,
        aliases,
        searchText: searchTextOf([country.cca2, country.cca3, name, country.name.official, ...aliases]),
      };
    });
}

/** True when ISO 3166-1 (as the packages know it) has this alpha-2 or alpha-3 code. */
export function isIsoCountryCode(code: string): boolean {
  const upper = code.toUpperCase();
  return worldCountries.some(
    (country) => country.status === 'officially-assigned' && (country.cca2 === upper || country.cca3 === upper),
  );
}

let regionsByFoldedName: Map<string, string> | undefined;

/**
 * The catalog's spelling of a region named in any case ("europe" -> "Europe"), or null when no
 * country has it. A participant's region is only ever the catalog's (organisations have none), so a
 * filter can compare the stored value exactly, by index, instead of lower-casing every row.
 */
export function catalogRegion(name: string): string | null {
  regionsByFoldedName ??= new Map(
    countryCatalog().flatMap((country) => (country.region ? [[country.region.toLowerCase(), country.region]] : [])),
  );
  return regionsByFoldedName.get(name.toLowerCase()) ?? null;
}
