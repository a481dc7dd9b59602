import { parseWalPosition } from '../database/read-routing.js';
import { lagOf, PrimaryPositions } from './replica-lag.js';

const at = (text: string) => parseWalPosition(text)!;

describe('a replica’s lag, measured against sampled primary positions', () => {
  const primary = new PrimaryPositions(60_000);
  primary.add(1000, at('0/100'));
  primary.add(2000, at('0/200'));
  primary.add(3000, at('0/300'));

  it('is nothing when the replica has replayed all the primary had written at the last sample', () => {
    expect(lagOf(primary, at('0/300'), 3500)).toBe(0);
    expect(lagOf(primary, at('0/400'), 3500)).toBe(0);
  });

  it('counts from the first moment the primary was seen holding more than the replica replayed', () => {
    expect(lagOf(primary, at('0/250'), 3500)).toBe(500);
    expect(lagOf(primary, at('0/150'), 3500)).toBe(1500);
  });

  it('keeps only the window it was given, and counts from its start when the replica is older still', () => {
    const short = new PrimaryPositions(1500);
    short.add(1000, at('0/100'));
    short.add(2000, at('0/200'));
    short.add(3000, at('0/300'));
    expect(lagOf(short, at('0/50'), 3000)).toBe(1000);
  });

  it('is nothing before the primary was ever sampled', () => {
    expect(lagOf(new PrimaryPositions(1000), at('0/1'), 5000)).toBe(0);
  });
});

describe('WAL positions', () => {
  it('compare as numbers, the high half first', () => {
    expect(at('1/0') > at('0/FFFFFFFF')).toBe(true);
    expect(at('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
  });

  it('are refused when they are not an LSN', () => {
    expect(parseWalPosition('16-B374')).toBeUndefined();
    expect(parseWalPosition('')).toBeUndefined();
  });
});
