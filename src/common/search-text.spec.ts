import { foldForSearch } from './search-text.js';

describe('foldForSearch', () => {
  it('removes accents and case', () => {
    expect(foldForSearch('TÜRKIYE')).toBe('turkiye');
    expect(foldForSearch("Côte d'Ivoire")).toBe('cote divoire');
  });

  it("folds apostrophes so people's matches peoples", () => {
    expect(foldForSearch("People's Republic of China")).toBe('peoples republic of china');
  });

  it('turns punctuation into single spaces', () => {
    expect(foldForSearch('  U.S.A. -- (north)  ')).toBe('u s a north');
    expect(foldForSearch('%_%')).toBe('');
  });
});
