import type { WalPosition } from '../database/read-routing.js';

/**
 * The primary's WAL position as sampled over the last `windowMs`, oldest first: what a replica's
 * replay position is compared with to measure its lag in time, not assume it.
 */
export class PrimaryPositions {
  private readonly samples: Array<{ at: number; position: WalPosition }> = [];

  constructor(private readonly windowMs: number) {}

  add(at: number, position: WalPosition): void {
    this.samples.push({ at, position });
    while (this.samples.length > 1 && this.samples[0]!.at < at - this.windowMs) this.samples.shift();
  }

  get latest(): WalPosition | undefined {
    return this.samples.at(-1)?.position;
  }

  /** The oldest sample past `position`: the first moment the primary was known to hold more. */
  firstPast(position: WalPosition): { at: number; position: WalPosition } | undefined {
    return this.samples.find((sample) => sample.position > position);
  }

  get oldestAt(): number | undefined {
    return this.samples[0]?.at;
  }
}

/**
 * How far behind a replica that replayed up to `replayed` is, in milliseconds: 0 when it holds all the
 * primary had written at the last sample; otherwise how long ago the primary first held more (a lower
 * bound, to within one sampling interval). Never sampled: 0 (nothing is known to be missing).
 */
export function lagOf(primary: PrimaryPositions, replayed: WalPosition, now: number): number {
  const latest = primary.latest;
  if (latest === undefined || replayed >= latest) return 0;
  const since = primary.firstPast(replayed)?.at ?? primary.oldestAt ?? now;
  return Math.max(0, now - since);
}
