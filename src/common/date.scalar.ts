import { GraphQLScalarType, Kind } from 'graphql';
import { isCalendarDate } from './calendar-date.js';

const MESSAGE = 'must be a calendar date written YYYY-MM-DD (between 1900 and 2999)';

/**
 * A plain TypeError (not a GraphQLError) on purpose: graphql-js then attaches the offending node,
 * so the error formatter can name the argument, and prefixes the message with the expected type.
 */
function checked(value: unknown): string {
  if (!isCalendarDate(value)) throw new TypeError(`Date ${MESSAGE}, got ${String(JSON.stringify(value)).slice(0, 40)}`);
  return value;
}

/** `Date`: an ISO calendar date such as 2023-07-07 (the rule itself is in calendar-date.ts). */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'An ISO 8601 calendar date without time or zone, e.g. 2023-07-07.',
  serialize: checked,
  parseValue: checked,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError(`Date ${MESSAGE}`);
    return checked(ast.value);
  },
});
