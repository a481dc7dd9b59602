import { itemLines, parseRosterFile } from './roster-file.js';

describe('the lines of a JSON roster', () => {
  it('names each item by the line it starts on, whatever braces its strings hold', () => {
    const text = [
      '[',
      '  { "participant": "FR", "status": "COMMITTED", "date": "2023-07-07",',
      '    "sourceUrl": "https://example.org/a", "sourceTitle": "A", "note": "a { brace, and \\" a quote {" },',
      '  {',
      '    "participant": "DE", "status": "COMMITTED", "date": "2023-07-07",',
      '    "sourceUrl": "https://example.org/b", "sourceTitle": "B {"',
      '  }, { "participant": "IT", "status": "COMMITTED", "date": "2023-07-07",',
      '       "sourceUrl": "https://example.org/c", "sourceTitle": "C" }',
      ']',
    ].join('\n');
    expect(parseRosterFile('roster.json', text).map((row) => [row.participant, row.line])).toEqual([
      ['FR', 2],
      ['DE', 4],
      ['IT', 7],
    ]);
  });

  it('counts only the array’s own items, not objects nested in them', () => {
    expect(itemLines('[{"a": {"b": [1, {"c": 2}]}},\n"x",\n 3]')).toEqual([1, 2, 3]);
    expect(itemLines('[]')).toEqual([]);
  });
});
