import { InvalidInput } from './domain-errors.js';
import { checkPageSize, decodeCursor, encodeCursor } from './pagination.js';

describe('cursors', () => {
  it('round-trip the key they were made from', () => {
    const cursor = encodeCursor('membership:NAME:ASC', ['Türkiye', 'a1b2']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'membership:NAME:ASC', 2)).toEqual(['Türkiye', 'a1b2']);
  });

  it.each([
    ['another ordering', encodeCursor('membership:CODE:ASC', ['x', 'y'])],
    ['garbage', 'not a cursor!'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['the wrong length', encodeCursor('membership:NAME:ASC', ['x'])],
    ['a huge string', 'A'.repeat(5000)],
  ])('refuses %s', (_label, cursor) => {
    expect(() => decodeCursor(cursor, 'membership:NAME:ASC', 2)).toThrow(InvalidInput);
  });
});

describe('page size', () => {
  it('defaults, and accepts 1 to 100', () => {
    expect(checkPageSize(undefined, 50)).toBe(50);
    expect(checkPageSize(1, 50)).toBe(1);
    expect(checkPageSize(100, 50)).toBe(100);
  });

  it.each([0, 101, -5, 2.5])('refuses %p', (size) => {
    expect(() => checkPageSize(size, 50)).toThrow(/first must be a whole number from 1 to 100/);
  });
});
