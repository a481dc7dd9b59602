import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import proxyAddr from '@fastify/proxy-addr';
import { LogController } from 'fastify';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { installReadConsistency } from './database/read-consistency.http.js';
import { closeConnectionsAfterAnswersWhileStopping } from './graceful-shutdown.js';
import { ShutdownState } from './health/shutdown-state.js';
import { LiveSocketServer } from './live-updates/live-socket-server.js';
import { createLogger, JsonNestLogger } from './observability/logger.js';
import { MetricsService } from './observability/metrics.service.js';
import { prepareRegistryDatabase } from './registry-database.js';
import { requestIdFor } from './observability/request-id.js';
import { installRequestLogging } from './observability/request-logging.js';
import { RegistryChangesService } from './response-cache/registry-changes.service.js';
import { installHttpCaching } from './response-cache/http-caching.js';
import { ResponseCache } from './response-cache/response-cache.js';
import { hardenHttp } from './security/http-hardening.js';
import { PAGE_REQUEST_CONSTRAINT } from './web/page-request.constraint.js';

/** The service on Fastify, its database migrated and seeded, not yet listening. Shared by main and tests. */
export async function createHttpServer(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const logger = createLogger(config.logLevel);
  // request.ip (rate limits, logs) comes from X-Forwarded-For only through the proxies trusted here.
  const trustProxy =
    typeof config.trustProxy === 'number'
      ? (_address: string, hop: number) => hop < (config.trustProxy as number)
      : config.trustProxy;
  const adapter = new FastifyAdapter({
    bodyLimit: config.limits.bodyLimitBytes,
    trustProxy,
    loggerInstance: logger,
    // Our own line per request (request-logging.ts) replaces Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    requestIdHeader: false,
    genReqId: requestIdFor,
    // On shutdown, never reset a connection as "idle": under load a request can have arrived and not yet
    // been read (see graceful-shutdown.ts). Idle keep-alive connections end within keepAliveTimeout.
    forceCloseConnections: false,
    keepAliveTimeout: 5000,
    // The explorer's page and GraphQL share /graphql: a browser's page request is routed to the page.
    routerOptions: { constraints: { [PAGE_REQUEST_CONSTRAINT.name]: PAGE_REQUEST_CONSTRAINT } },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), adapter, {
    logger: new JsonNestLogger(logger),
  });
  // Hooks go on before initialisation, so they wrap every route, GraphQL's included.
  installReadConsistency(adapter.getInstance(), { hasReplicas: config.replicas.urls.length > 0 });
  installRequestLogging(adapter.getInstance());
  closeConnectionsAfterAnswersWhileStopping(adapter.getInstance(), app.get(ShutdownState));
  app.get(MetricsService).installHttpHooks(adapter.getInstance());
  await hardenHttp(app, config);
  // After the limits (they run first), so a cached answer is still rate-limited, logged and counted.
  if (config.isResponseCacheOn) {
    new ResponseCache(app.get(RegistryChangesService), {
      ttlSeconds: config.cacheTtlSeconds,
      maxBytes: 64 * 1024 * 1024,
    }).install(adapter.getInstance(), '/graphql');
  }
  // After the response cache's hooks: a kept answer gets its ETag too, and a 304 is never kept.
  installHttpCaching(adapter.getInstance(), '/graphql', config.httpCaching);
  await prepareRegistryDatabase(app);
  // WebSocket upgrades never reach Fastify's routes: the live server takes them from the HTTP server,
  // naming the client as request.ip does (the same trusted proxies).
  const isTrusted =
    typeof trustProxy === 'function'
      ? trustProxy
      : trustProxy === true
        ? () => true
        : proxyAddr.compile(trustProxy || []);
  const schemaHost = app.get(GraphQLSchemaHost);
  app.get(LiveSocketServer).attach(
    app.getHttpServer(),
    () => schemaHost.schema,
    (request) => proxyAddr(request, isTrusted),
  );
  return app;
}
