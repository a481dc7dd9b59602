import helmet from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { InvalidInput } from '../common/domain-errors.js';
import type { AppConfig } from '../config/app-config.js';
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
      allowedHeaders: ['content-type', 'authorization', 'idempotency-key', 'x-request-id', 'apollo-require-preflight'],
      exposedHeaders: [
        'x-request-id',
        'retry-after',
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
      ],
      maxAge: 600,
    });
  }
  refuseGraphqlWithoutHost(fastify);
  const apiKeys = app.get(ApiKeysService);
  await installRateLimits(fastify, config.limits, async (request: FastifyRequest) => {
    if (request.headers.authorization) {
      // A key that is not live (or a database that cannot say) counts against the address, so made-up
      // keys cannot open fresh buckets. The lookup is shared with the auth guard: one per request.
      const caller = await apiKeys.callerOf(request).catch(() => undefined);
      if (caller) return `key:${caller.keyName}`;
    }
    return `ip:${request.ip}`;
  });
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
    return reply
      .code(400)
      .send({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
  });
}
