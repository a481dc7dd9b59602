/** The value below which `share` (0..1) of `sorted`'s values fall (nearest rank); NaN when there are none. */
export function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}
