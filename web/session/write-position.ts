/**
 * Read-your-writes for a page that writes. The registry answers a write with X-Registry-Position (the
 * WAL position of its commit, `0/3A1C2F8`); a read sent with X-Registry-Min-Position of at least that
 * is answered from a replica only if the replica has replayed that far, otherwise from the primary.
 * The page remembers the furthest position its own writes reached and sends it with every later request.
 */
const POSITION_HEADER = 'x-registry-position';
const MIN_POSITION_HEADER = 'x-registry-min-position';

let furthest: string | null = null;

/** A WAL position as its two parts (high, low), or undefined when it is not one. */
export function walPositionParts(text: string): [high: number, low: number] | undefined {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  return match ? [parseInt(match[1]!, 16), parseInt(match[2]!, 16)] : undefined;
}

/** Whether WAL position `a` is past `b`: the high parts first, then the low ones (not as text: `0/9` < `0/10`). */
export function isPastWalPosition(a: string, b: string): boolean {
  const [aHigh, aLow] = walPositionParts(a)!;
  const [bHigh, bLow] = walPositionParts(b)!;
  return aHigh !== bHigh ? aHigh > bHigh : aLow > bLow;
}

/** Remembers the position an answer reports, if it is past every one seen before. */
export function noteWritePosition(response: Response): void {
  const position = response.headers.get(POSITION_HEADER);
  if (!position || !walPositionParts(position)) return;
  if (furthest === null || isPastWalPosition(position, furthest)) furthest = position.trim();
}

/** X-Registry-Min-Position for the next request, once this page has written. */
export function readYourWritesHeaders(): Record<string, string> {
  return furthest === null ? {} : { [MIN_POSITION_HEADER]: furthest };
}
