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
 * Whether a request can only read: a GET or HEAD (Apollo refuses mutations over GET; no other GET
 * route writes), or a GraphQL POST whose every operation's text exists and has no `mutation` in it at
 * all. Anything else (a persisted query sent by hash alone, another route's POST) may write.
 */
export function isReadOnlyRequest(request: Pick<FastifyRequest, 'method' | 'body'>): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  if (request.method !== 'POST') return false;
  const operations: unknown[] = Array.isArray(request.body) ? request.body : [request.body];
  return (
    operations.length > 0 &&
    operations.every((operation) => {
      const query = (operation as { query?: unknown } | null)?.query;
      return typeof query === 'string' && !query.includes('mutation');
    })
  );
}

/**
 * Read-your-writes over HTTP. Every request gets its ReadConsistency (from X-Registry-Min-Position)
 * and every route's handler that needs it runs inside it, so a read anywhere below (a resolver, a
 * loader, a REST download) knows how far its data must reach; a write's answer says where its commit
 * is (X-Registry-Position), for the caller's next reads, on any instance.
 *
 * AsyncLocalStorage is not free on Node 20: while a store is entered every promise pays a hook (a
 * tenth of the lookup's allocations; without it the uncached lookup served 11% more requests a second,
 * side by side). So a request that cannot write, asks for no position and has no replica to be routed
 * to runs without it: it reads the primary, which holds every commit, whatever the store would say.
 * Call before the app initialises.
 */
export function installReadConsistency(fastify: FastifyInstance, options: { hasReplicas: boolean }): void {
  fastify.addHook('onRequest', async (request: FastifyRequest) => {
    request.readConsistency = newReadConsistency(minPositionOf(request));
  });
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const handler = route.handler;
    route.handler = function runInReadConsistency(this: FastifyInstance, request, reply) {
      const consistency = request.readConsistency ?? newReadConsistency();
      if (!options.hasReplicas && consistency.minPosition === 0n && isReadOnlyRequest(request)) {
        return handler.call(this, request, reply);
      }
      return readConsistency.run(consistency, () => handler.call(this, request, reply));
    };
  });
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const writtenAt = request.readConsistency?.writtenAt;
    if (writtenAt !== undefined) reply.header(POSITION_HEADER, formatWalPosition(writtenAt));
    return payload;
  });
}
