import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { ApiKeysService } from '../auth/api-keys.service.js';
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
  await fastify.register(fastifyHelmet, {
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
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'authorization', 'idempotency-key', 'x-request-id', 'apollo-require-preflight'],
      exposedHeaders: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
      maxAge: 600,
    });
  }
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
