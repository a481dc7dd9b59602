import { firstOutOfOrder, loadOrder, type CatalogTable } from './table-order.js';

const table = (name: string, ...references: string[]): CatalogTable => ({ name, columns: ['id'], references });

describe('the order a restore loads tables in', () => {
  it('puts every table after the tables it references, ties alphabetically', () => {
    const tables = [
      table('citation', 'source', 'membership_event', 'commitment'),
      table('commitment', 'membership'),
      table('membership', 'coalition', 'participant'),
      table('membership_event', 'membership'),
      table('coalition', 'participant'),
      table('participant'),
      table('source'),
    ];
    expect(loadOrder(tables).map((t) => t.name)).toEqual([
      'participant',
      'coalition',
      'membership',
      'commitment',
      'membership_event',
      'source',
      'citation',
    ]);
  });

  it('ignores references to itself and to tables outside the list', () => {
    expect(loadOrder([table('b', 'b', 'elsewhere'), table('a', 'b')]).map((t) => t.name)).toEqual(['b', 'a']);
  });

  it('refuses a cycle, naming its tables', () => {
    expect(() => loadOrder([table('a', 'b'), table('b', 'a'), table('c')])).toThrow(/Tables a, b reference each other/);
  });

  it('finds a table listed before one it references', () => {
    const tables = [table('membership', 'participant'), table('participant')];
    expect(firstOutOfOrder(['participant', 'membership'], tables)).toBeUndefined();
    expect(firstOutOfOrder(['membership', 'participant'], tables)).toBe('membership');
  });
});
