import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { QueryLimits } from '../config/app-config.js';
import { costOrRefusal, queryLimitRules, type QueryCoster } from '../common/query-limits.js';

const refusal = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });

/**
 * A subscription document checked as a query is over HTTP: the token limit while parsing, the
 * standard rules with the depth and alias limits, then the cost limit. Only subscriptions are run
 * over a socket: queries and mutations go over HTTP, where the response cache, the rate limits and
 * the idempotency keys are.
 */
export function checkSubscription(
  schema: GraphQLSchema,
  payload: SubscribePayload,
  limits: QueryLimits,
  coster: QueryCoster,
): ExecutionArgs | GraphQLError[] {
  let document;
  try {
    document = parse(payload.query, { maxTokens: limits.maxTokens });
  } catch (error) {
    return [error instanceof GraphQLError ? refusal(error.message) : refusal('The document could not be read')];
  }
  const errors = validate(schema, document, [...specifiedRules, ...queryLimitRules(limits)]);
  if (errors.length > 0) return errors.map((error) => refusal(error.message));
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) return [refusal('Name the operation to run (operationName): the document has several')];
  if (operation.operation !== 'subscription') {
    return [refusal(`Only subscriptions run over a WebSocket; send a ${operation.operation} as HTTP POST /graphql`)];
  }
  const cost = costOrRefusal(coster, limits, {
    schema,
    document,
    operationName: payload.operationName,
    variables: payload.variables ?? {},
  });
  if (cost instanceof GraphQLError) return [refusal(cost.message, cost.extensions)];
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables ?? undefined };
}
