import { isPastWalPosition, noteWritePosition, readYourWritesHeaders } from '../web/session/write-position.js';

/** The console's memory of its writes (web/session/write-position.ts), as a page would see its answers. */
const answered = (position?: string) =>
  new Response('{}', { headers: position ? { 'x-registry-position': position } : {} });

describe('the position a page sends after its own writes', () => {
  it('orders WAL positions by their high part, then their low part, as numbers (not as text)', () => {
    expect(isPastWalPosition('0/10', '0/9')).toBe(true);
    expect(isPastWalPosition('0/9', '0/10')).toBe(false);
    expect(isPastWalPosition('1/0', '0/FFFFFFFF')).toBe(true);
    expect(isPastWalPosition('0/3a1c2f8', '0/3A1C2F8')).toBe(false);
  });

  it('sends nothing before a write, then the furthest position any answer reported', () => {
    expect(readYourWritesHeaders()).toEqual({});
    noteWritePosition(answered());
    expect(readYourWritesHeaders()).toEqual({});
    noteWritePosition(answered('0/9'));
    noteWritePosition(answered('0/10'));
    expect(readYourWritesHeaders()).toEqual({ 'x-registry-min-position': '0/10' });
    noteWritePosition(answered('1/0'));
    noteWritePosition(answered('0/FFFFFFFF'));
    noteWritePosition(answered('not a position'));
    expect(readYourWritesHeaders()).toEqual({ 'x-registry-min-position': '1/0' });
  });
});
