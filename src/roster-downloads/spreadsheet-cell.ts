/**
 * A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, and a tab or carriage return,
 * which some programs skip before looking), prefixed with an apostrophe so it is shown as text
 * (OWASP's advice against CSV injection). Every other cell is left exactly as the registry has it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
