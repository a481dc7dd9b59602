import { InvalidInput } from './domain-errors.js';

/** Control characters other than tab and newline have no place in a recorded fact. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's whole purpose
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Free text from a caller: trimmed, bounded, printable; empty means absent. */
export function optionalText(value: string | null | undefined, argument: string, maxLength: number): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text.length === 0) return null;
  if (text.length > maxLength) throw new InvalidInput(argument, `${argument} must be at most ${maxLength} characters`);
  if (CONTROL.test(text)) throw new InvalidInput(argument, `${argument} must not contain control characters`);
  return text;
}

export function requiredText(value: string | null | undefined, argument: string, maxLength: number): string {
  const text = optionalText(value, argument, maxLength);
  if (text === null) throw new InvalidInput(argument, `${argument} must not be empty`);
  return text;
}
