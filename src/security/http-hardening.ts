import helmet from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { InvalidInput, Unauthenticated } from '../common/domain-errors.js';
import type { AppConfig } from '../config/app-config.js';
import { answerOversizedBodiesReadably } from './body-limit.js';
import { isOpenWithoutKey } from './open-routes.js';
import { sendRefusal } from './refusal.js';
import { installRateLimits } from './rate-limit.js';

/**
 * Headers, CORS and rate limits at the HTTP edge. Call before the app initialises, so the hooks run
 * for every route (GraphQL, health, metrics) and before Nest or Apollo see a request.
 */
export async function hardenHttp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // Helmet's defaults, but a page served by us (a future GraphiQL or dashboard) may load our own
  // scripts and styles, and plain HTTP is not upgraded: TLS, if any, ends in front of the service.
  // Helmet itself, built once: @fastify/helmet rebuilds it (parsing every CSP directive) on each request,
  // a few per cent of the CPU of a cheap read.
  const setSecurityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    setSecurityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: [
        'content-type',
        'authorization',
        'idempotency-key',
        'x-request-id',
        'apollo-require-preflight',
        'x-registry-min-position',
        'if-none-match',
      ],
      exposedHeaders: [
        'x-request-id',
        'x-registry-position',
        'etag',
        'retry-after',
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
      ],
      maxAge: 600,
    });
  }
  refuseGraphqlWithoutHost(fastify);
  answerOversizedBodiesReadably(fastify, config.limits.bodyLimitBytes);
  refuseLargeBatches(fastify, config.queryLimits.maxBatch);
  const apiKeys = app.get(ApiKeysService);
  // The bucket is chosen before any key work (no database, no scrypt): a key that already proved itself
  // here counts against its name; anything else, a key not yet checked included, against the address, so
  // made-up keys cannot open fresh buckets nor make a throttled address cost a key check.
  await installRateLimits(fastify, config.limits, (request: FastifyRequest) => {
    const keyName = apiKeys.verifiedKeyNameOf(request.headers.authorization);
    return keyName ? `key:${keyName}` : `ip:${request.ip}`;
  });
  // After the rate limit, so a throttled caller costs no key check.
  if (config.requireAuthForReads) refuseAnonymousRequests(fastify, apiKeys);
}

/**
 * Apollo's Fastify integration builds a URL from the Host header and throws (a 500) when an
 * HTTP/1.0 request has none. Such a request is malformed for GraphQL: say so with a 400. Health
 * probes keep working without one (some load balancers send none).
 */
function refuseGraphqlWithoutHost(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.headers.host || !request.url.startsWith('/graphql')) return;
    const error = new InvalidInput('Host', 'A Host header is required');
    return sendRefusal(reply, 400, error);
  });
}

/**
 * A batch (a JSON array of operations, when QUERY_MAX_BATCH > 1) holds at most QUERY_MAX_BATCH of
 * them; its operations then share one cost budget (query-limits.ts). Checked once the body is parsed.
 */
function refuseLargeBatches(fastify: FastifyInstance, maxBatch: number): void {
  fastify.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!Array.isArray(request.body) || request.body.length <= maxBatch || !request.url.startsWith('/graphql')) return;
    const error = new InvalidInput(
      'body',
      `A batch may hold at most ${maxBatch} operations (QUERY_MAX_BATCH); this one holds ${request.body.length}`,
    );
    return sendRefusal(reply, 400, error);
  });
}

/**
 * REQUIRE_AUTH_FOR_READS: nothing but the routes marked OPEN_WITHOUT_KEY (the health probes, and the
 * pages' HTML and bundled assets, which hold no registry data and must load to ask for a key) is
 * answered without a live key: not a GraphQL read, not introspection or `__typename`, not a roster
 * download, not the metrics. Refused here, before the response cache or GraphQL see the request.
 * A CORS preflight carries no key by design.
 */
function refuseAnonymousRequests(fastify: FastifyInstance, apiKeys: ApiKeysService): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'OPTIONS' || isOpenWithoutKey(request)) return;
    if (await apiKeys.callerOf(request).catch(() => undefined)) return;
    const error = new Unauthenticated(
      'This service answers only callers with an API key (REQUIRE_AUTH_FOR_READS): send Authorization: Bearer <key>',
    );
    return sendRefusal(reply, 401, error);
  });
}
