import { InvalidInput } from '../common/domain-errors.js';

/**
 * A participant code as a caller may write it: an ISO alpha-2 or alpha-3 code or an organisation's
 * acronym (letters, digits, hyphens), in any case. Returns it upper-cased, the form stored.
 */
export function parseParticipantCode(raw: string, argument: string): string {
  const code = raw.trim();
  if (!/^[A-Za-z][A-Za-z0-9-]{1,19}$/.test(code)) {
    throw new InvalidInput(
      argument,
      `${argument} must be an ISO 3166-1 alpha-2 or alpha-3 code or an organisation acronym (2-20 letters, digits or hyphens)`,
    );
  }
  return code.toUpperCase();
}
