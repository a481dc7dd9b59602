import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { InvalidInput } from './domain-errors.js';
import type { Caller, GraphqlContext } from './graphql-context.js';
import { INPUT_LIMITS } from './input-rules.js';

/**
 * What a write needs to know about the request that asked for it, and nothing more: who (the
 * caller the guard let through), under which request id, and with which Idempotency-Key. A CLI or a
 * background job can build one without HTTP or GraphQL.
 */
export interface WriteRequest {
  caller: Caller;
  requestId: string;
  idempotencyKey?: string;
}

const IDEMPOTENCY_KEY = new RegExp(`^[\\x21-\\x7e]{1,${INPUT_LIMITS.idempotencyKey}}$`);

/** The WriteRequest of a mutation: `@CurrentWriteRequest() write: WriteRequest`. */
export const CurrentWriteRequest = createParamDecorator((_data: unknown, execution: ExecutionContext): WriteRequest => {
  const context = GqlExecutionContext.create(execution).getContext<GraphqlContext>();
  // The guard decides who may write and refuses anonymous mutations; reaching here without a caller is a bug.
  if (!context.caller) throw new Error('a write reached its resolver without a caller');
  const header = context.req.headers['idempotency-key'];
  const idempotencyKey = Array.isArray(header) ? header[0] : header;
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new InvalidInput(
      'Idempotency-Key',
      `The Idempotency-Key header must be 1 to ${INPUT_LIMITS.idempotencyKey} visible ASCII characters`,
    );
  }
  return { caller: context.caller, requestId: context.requestId, idempotencyKey };
});
