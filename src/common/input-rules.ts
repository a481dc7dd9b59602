import { InvalidInput } from './domain-errors.js';

/**
 * The one file of input limits and of the rules for free text and addresses. The GraphQL inputs apply
 * them through decorators (input-validation.ts), the roster import applies them to its rows directly:
 * the same functions, so anything the edge lets through is something the database accepts too.
 */
export const INPUT_LIMITS = {
  /** A note on a membership, an event or a commitment. */
  note: 2000,
  /** Why a fact was retracted or corrected (the database's CHECKs allow as much). */
  retractionReason: 2000,
  commitmentTitle: 300,
  commitmentDescription: 5000,
  /** An http(s) address: a source's url. */
  url: 2000,
  sourceTitle: 500,
  sourcePublisher: 300,
  participantName: 200,
  /** An organisation's website, an http(s) address. */
  website: 500,
  alias: 200,
  aliasCount: 50,
  coalitionName: 300,
  coalitionDescription: 5000,
  rosterNote: 2000,
  coalitionEventTitle: 300,
  /** A source's words for a reported headcount. */
  figureWording: 1000,
  /** The largest headcount a figure may report: far above any count of countries and organisations. */
  headcount: 100_000,
  apiKeyName: 100,
  idempotencyKey: 200,
  /** A roster file for the import, CLI or API (UTF-8 bytes); the API's body limit must leave room for it. */
  rosterBytes: 128 * 1024,
  /** Rows of a roster file: more than the registry has participants, fewer than would hold the lock long. */
  rosterRows: 1000,
  /** Read arguments: a region filter, a participant search. */
  region: 100,
  searchText: 200,
  /**
   * The text of a query a caller registers as an automatic persisted query (characters, comments
   * included): far above any real operation, and what one stored query may weigh (the table's CHECK).
   */
  persistedQuery: 32 * 1024,
} as const;

/** Control characters other than tab and newline have no place in a recorded fact. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's whole purpose
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Free text from a caller: trimmed, bounded, printable; empty means absent. */
export function optionalText(value: string | null | undefined, field: string, maxLength: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new InvalidInput(field, `${field} must be text`);
  const text = value.trim();
  if (text.length === 0) return null;
  if (text.length > maxLength) throw new InvalidInput(field, `${field} must be at most ${maxLength} characters`);
  if (CONTROL.test(text)) throw new InvalidInput(field, `${field} must not contain control characters`);
  return text;
}

export function requiredText(value: string | null | undefined, field: string, maxLength: number): string {
  const text = optionalText(value, field, maxLength);
  if (text === null) throw new InvalidInput(field, `${field} must not be empty`);
  return text;
}

/** `http://` or `https://` (any case), then a host; no whitespace anywhere. */
const HTTP_ADDRESS = /^(https?):\/\/[^\s/?#]+[^\s]*$/i;

/**
 * The one URL rule: an http or https address with a host, at most `maxLength` characters. The scheme
 * is stored lower-case (`HTTPS://` becomes `https://`), the form the database's CHECK asks for; the
 * rest is kept as written, since a source is found again by its exact url.
 */
export function optionalHttpUrl(
  value: string | null | undefined,
  field: string,
  maxLength: number = INPUT_LIMITS.url,
): string | null {
  const text = optionalText(value, field, maxLength);
  if (text === null) return null;
  const refuse = () =>
    new InvalidInput(field, `${field} must be an http or https address, such as https://example.org/page`);
  const match = HTTP_ADDRESS.exec(text);
  if (!match) throw refuse();
  const url = `${match[1].toLowerCase()}${text.slice(match[1].length)}`;
  try {
    if (new URL(url).hostname === '') throw refuse();
  } catch {
    throw refuse();
  }
  return url;
}

export function requiredHttpUrl(value: string | null | undefined, field: string, maxLength?: number): string {
  const url = optionalHttpUrl(value, field, maxLength);
  if (url === null) throw new InvalidInput(field, `${field} must not be empty`);
  return url;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The id of a recorded fact (a UUID); anything else could name nothing. */
export function requiredId(value: string, field: string, what: string): string {
  if (!isUuid(value)) throw new InvalidInput(field, `${field} must be ${what} id (a UUID)`);
  return value.toLowerCase();
}
