import { jsonFields, jsonObjectSql, JsonTuple } from './json-tuple.js';

describe('JsonTuple', () => {
  const source = new JsonTuple(jsonFields({ id: 'cited.id', title: 'cited.title' }));
  const event = new JsonTuple([
    ...jsonFields({ status: 'e.status', effectiveOn: 'e.effective_on' }),
    { key: 'sources', sql: 'sources_sql', read: (list) => source.readList(list) },
  ]);

  it('builds the values alone, in the order of the fields', () => {
    expect(event.sql).toBe('json_build_array(e.status, e.effective_on, sources_sql)');
  });

  it('puts the keys back, reading nested tuples with their own reader', () => {
    expect(event.read(['MEMBER', '2023-07-07', [['s1', 'Fact sheet']]])).toEqual({
      status: 'MEMBER',
      effectiveOn: '2023-07-07',
      sources: [{ id: 's1', title: 'Fact sheet' }],
    });
  });

  it('keeps null values and an absent tuple as null, and reads a missing list as empty', () => {
    expect(source.read(['s1', null])).toEqual({ id: 's1', title: null });
    expect(source.read(null)).toBeNull();
    expect(source.readList(null)).toEqual([]);
    expect(
      source
        .readList([
          ['a', 'A'],
          ['b', 'B'],
        ])
        .map((read) => read.id),
    ).toEqual(['a', 'b']);
  });

  it('builds the keyed object of the same fields for a statement read as it comes', () => {
    expect(jsonObjectSql(jsonFields({ id: 'cited.id', title: 'cited.title' }))).toBe(
      "json_build_object('id', cited.id, 'title', cited.title)",
    );
  });
});
