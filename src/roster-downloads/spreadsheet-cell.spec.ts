import { spreadsheetSafe } from './spreadsheet-cell.js';

describe('spreadsheetSafe', () => {
  it.each(['=cmd|" /C calc"!A0', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'prefixes %j, which a spreadsheet would run as a formula',
    (cell) => {
      expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
    },
  );

  it.each(['India', "Côte d'Ivoire", '2023-07-07', 'https://example.org/a=b', '', ' =not first'])(
    'leaves %j as it is',
    (cell) => {
      expect(spreadsheetSafe(cell)).toBe(cell);
    },
  );
});
