import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import type { LogLevel as LogLevelName } from '@nestjs/common';
import type { AppConfig, LogLevel } from './config/app-config.js';
import { prepareDatabase } from './database/prepare-database.js';
import { RegistryChangesService } from './response-cache/registry-changes.service.js';
import { ResponseCache } from './response-cache/response-cache.js';

const NEST_LOG_LEVELS: Record<LogLevel, LogLevelName[] | false> = {
  silent: false,
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** The service on Fastify, its database migrated and seeded, not yet listening. Shared by main and tests. */
export async function createHttpServer(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 256 * 1024, requestIdHeader: 'x-request-id' });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), adapter, {
    logger: NEST_LOG_LEVELS[config.logLevel],
  });
  // Hooks go on before initialisation, so they wrap the GraphQL route Apollo registers during it.
  if (config.isResponseCacheOn) {
    new ResponseCache(app.get(RegistryChangesService), {
      ttlSeconds: config.cacheTtlSeconds,
      maxBytes: 64 * 1024 * 1024,
    }).install(adapter.getInstance(), '/graphql');
  }
  await prepareDatabase(app);
  return app;
}
