/**
 * Folds text for matching: lower case, accents removed, punctuation to spaces, so that "turkiye",
 * "Türkiye" and "TÜRKIYE" match, and "people's" matches "peoples". Used both when storing a
 * participant's searchable text and when reading a query, so the two always agree.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
