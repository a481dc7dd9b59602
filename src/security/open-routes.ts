import type { FastifyRequest } from 'fastify';

/**
 * Fastify route config, set with Nest's `@RouteConfig(OPEN_WITHOUT_KEY)`, for a route that
 * REQUIRE_AUTH_FOR_READS leaves open: one that holds no registry data and must answer a caller who
 * cannot send a key (a load balancer's probe, a browser opening a page before it has signed in).
 * Marked on the route itself rather than matched on the address, so only a request Fastify hands to
 * that route passes.
 */
export const OPEN_WITHOUT_KEY = { isOpenWithoutKey: true } as const;

export function isOpenWithoutKey(request: FastifyRequest): boolean {
  const config = request.routeOptions.config as Partial<typeof OPEN_WITHOUT_KEY> | undefined;
  return config?.isOpenWithoutKey === true;
}
