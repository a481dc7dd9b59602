import { catalogRegion, countryCatalog } from './country-catalog.js';

describe('catalogRegion', () => {
  it('names a region as the catalog spells it, whatever the case it is asked in', () => {
    expect(catalogRegion('Europe')).toBe('Europe');
    expect(catalogRegion('europe')).toBe('Europe');
    expect(catalogRegion('AMERICAS')).toBe('Americas');
  });

  it('knows every region a country has, and no other text', () => {
    for (const country of countryCatalog()) {
      if (country.region) expect(catalogRegion(country.region.toUpperCase())).toBe(country.region);
    }
    expect(catalogRegion('Atlantis')).toBeNull();
    expect(catalogRegion('')).toBeNull();
  });
});
