import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import {
  formatWalPosition,
  newReadConsistency,
  parseWalPosition,
  readConsistency,
  type ReadConsistency,
  type WalPosition,
} from './read-routing.js';

declare module 'fastify' {
  interface FastifyRequest {
    readConsistency?: ReadConsistency;
  }
}

export const MIN_POSITION_HEADER = 'x-registry-min-position';
export const POSITION_HEADER = 'x-registry-position';

/** Sent but unreadable: the safe reading is "as current as the primary" (never a stale answer). */
const UNREADABLE: WalPosition = (1n << 64n) - 1n;

/** X-Registry-Min-Position, as a WAL position (0 when absent). */
export function minPositionOf(request: FastifyRequest): WalPosition {
  const given = request.headers[MIN_POSITION_HEADER];
  if (given === undefined || given === '') return 0n;
  return (typeof given === 'string' ? parseWalPosition(given) : undefined) ?? UNREADABLE;
}

/**
 * Read-your-writes over HTTP. Every request gets its ReadConsistency (from X-Registry-Min-Position)
 * and every route's handler runs inside it, so a read anywhere below (a resolver, a loader, a REST
 * download) knows how far its data must reach; a write's answer says where its commit is
 * (X-Registry-Position), for the caller's next reads, on any instance. Call before the app initialises.
 */
export function installReadConsistency(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request: FastifyRequest) => {
    request.readConsistency = newReadConsistency(minPositionOf(request));
  });
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const handler = route.handler;
    route.handler = function runInReadConsistency(this: FastifyInstance, request, reply) {
      return readConsistency.run(request.readConsistency ?? newReadConsistency(), () =>
        handler.call(this, request, reply),
      );
    };
  });
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const writtenAt = request.readConsistency?.writtenAt;
    if (writtenAt !== undefined) reply.header(POSITION_HEADER, formatWalPosition(writtenAt));
    return payload;
  });
}
