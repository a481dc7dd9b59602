import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { Logger } from '@nestjs/common';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DomainError } from './domain-errors.js';
import type { GraphqlContext } from './graphql-context.js';

/**
 * The one mapping from what went wrong to what a client sees. Domain errors keep their message and
 * code; malformed requests become BAD_USER_INPUT naming the argument; a lost database becomes
 * SERVICE_UNAVAILABLE; anything else is masked as INTERNAL_SERVER_ERROR (its detail only in the log,
 * under the request id the client is given).
 */

const CLIENT_MISTAKES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo's persisted-query protocol: a client sees this code and sends the whole query (or, refused by
 * the safelist, stops), so it must reach the client as it is.
 */
const PERSISTED_QUERY_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/** Messages Apollo and graphql-js write for every client; none carries server internals. */
const PASSED_THROUGH = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'NOT_FOUND',
  'CONFLICT',
]);

const DATABASE_UNAVAILABLE = [
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE/,
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Query read timeout/i,
  /canceling statement due to statement timeout/i,
  /terminating connection due to administrator command/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Client has encountered a connection error/i,
  /Connection is not established|Driver not Connected/i,
  /Client was closed and is not queryable/i,
  /Query runner already released/i,
];

/**
 * PostgreSQL refused a value the caller sent (SQLSTATE class 22, "data exception"): a NUL
 * character in text, a number out of range. The request is at fault, not the service.
 */
function isValueTheDatabaseRefuses(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** graphql-js 16 finds an operation type the schema lacks (a subscription) only when executing. */
const UNSUPPORTED_OPERATION = /^Schema is not configured to execute \w+ operation/;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  // SQLSTATE class 08 (connection exception), 57P (operator intervention: shutdown, restart), 53300 (too many connections).
  if (code && (/^(08|57P)/.test(code) || ['57014', '53300'].includes(code))) return true;
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return DATABASE_UNAVAILABLE.some((pattern) => pattern.test(error.message));
}

/**
 * graphql-js ships both CommonJS and ESM builds and Apollo may load the other one, so `instanceof
 * GraphQLError` is not reliable here: recognise one by its shape.
 */
function isGraphqlError(error: unknown): error is GraphQLError {
  return error instanceof Error && 'extensions' in error && 'locations' in error;
}

/** The argument a syntax position points into: `asOf: "2023-13-01"` → asOf. */
function argumentAt(error: GraphQLError): string | undefined {
  const position = error.positions?.[0];
  const body = error.source?.body;
  if (position === undefined || body === undefined) return undefined;
  const before = body.slice(Math.max(0, position - 200), position);
  return /([_A-Za-z][_0-9A-Za-z]*)\s*:\s*\[?\s*$/.exec(before)?.[1];
}

export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  const code = String(formatted.extensions?.code ?? '');
  if (PERSISTED_QUERY_CODES.has(code)) return { ...base, message: formatted.message, extensions: { code } };
  if (CLIENT_MISTAKES.has(code) || (isGraphqlError(original) && code === '' && !original.originalError)) {
    const argument = isGraphqlError(error) ? argumentAt(error) : undefined;
    const message =
      argument && !formatted.message.includes(`"${argument}"`) && !formatted.message.includes(`$${argument}`)
        ? `Argument "${argument}": ${formatted.message}`
        : formatted.message;
    return { ...base, message, extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } };
  }
  if (isValueTheDatabaseRefuses(original)) {
    return {
      ...base,
      message: 'A value in this request cannot be stored or compared (for example, it holds a NUL character)',
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  if (isGraphqlError(original) && UNSUPPORTED_OPERATION.test(original.message)) {
    return { ...base, message: 'This operation type is not supported', extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (isDatabaseUnavailable(original)) {
    return {
      ...base,
      message: 'The database is unavailable; try again shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  }
  if (PASSED_THROUGH.has(code)) return { ...base, message: formatted.message, extensions: { code } };
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** What the caller got wrong: logged at `info`, one line without a stack. */
const CALLER_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  ...PERSISTED_QUERY_CODES,
]);

/**
 * One log line per error a client was sent, under the request id the client is given: a caller's
 * mistake at `info` (the message the caller saw, no stack), a lost database at `warn` and anything
 * else at `error`, both with the error itself (the logger's serializer keeps row values out).
 */
export function errorReportingPlugin(): ApolloServerPlugin<GraphqlContext> {
  const logger = new Logger('GraphQL');
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const told = formatGraphqlError(error.toJSON(), error);
            const code = String(told.extensions?.code);
            const line = `request ${contextValue.requestId}: ${code}: ${told.message}`;
            if (CALLER_CODES.has(code)) {
              logger.log(line);
              continue;
            }
            // What the client was not told (the driver's message: a refused connection, a timeout) is kept here.
            const fields = { requestId: contextValue.requestId, err: unwrapResolverError(error), msg: line };
            if (code === 'SERVICE_UNAVAILABLE') logger.warn(fields);
            else logger.error(fields);
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            const code = error.extensions?.code;
            if (code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE') {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
      };
    },
  };
}
