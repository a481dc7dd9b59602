import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import Negotiator from 'negotiator';

type RouteConstraintStrategy = NonNullable<FastifyServerOptions['constraints']>[string];

/**
 * What a GraphQL GET may ask for, and text/html last: a browser's page request prefers the page over
 * every one of them, a GraphQL client (or a bare `Accept: *\/*`) does not. The same choice Apollo makes
 * before showing its landing page (ApolloServer.prefersHTML), so clients see what they saw before.
 */
const ANSWER_TYPES = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'multipart/mixed; deferSpec=20220824',
  'multipart/mixed; incrementalSpec=v0.2',
  'multipart/mixed',
  'text/html',
];

function isPageRequest(request: IncomingMessage): boolean {
  const accept = request.headers.accept;
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    accept !== undefined &&
    new Negotiator({ headers: { accept } }).mediaType(ANSWER_TYPES) === 'text/html'
  );
}

const PAGE = 'page';

/**
 * A Fastify route constraint (`constraints` in the adapter's options) that tells a browser's request for
 * a page from a GraphQL read sent by GET to the same address. A route marked FOR_A_PAGE_REQUEST gets only
 * the former; every other request at that address goes on to the unmarked route (Apollo's), so a read can
 * never reach a page's route, nor a page request reach GraphQL.
 */
export const PAGE_REQUEST_CONSTRAINT = {
  name: 'pageRequest',
  storage() {
    const handlers = new Map<unknown, ReturnType<ReturnType<RouteConstraintStrategy['storage']>['get']>>();
    return {
      get: (value) => handlers.get(value) ?? null,
      set: (value, handler) => void handlers.set(value, handler),
    };
  },
  validate(value: unknown) {
    if (value !== PAGE) throw new Error(`The pageRequest constraint takes only '${PAGE}'`);
  },
  deriveConstraint: (request: IncomingMessage) => (isPageRequest(request) ? PAGE : ''),
  // Not a page request: the route without the constraint answers, as if this strategy were not there.
  mustMatchWhenDerived: false,
} satisfies RouteConstraintStrategy;

/** Route constraints (Nest's `@RouteConstraints`) for a route that answers a browser's page request only. */
export const FOR_A_PAGE_REQUEST = { [PAGE_REQUEST_CONSTRAINT.name]: PAGE };
