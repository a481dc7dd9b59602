import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase } from './database/open-database.js';
import { shutDownGracefully } from './graceful-shutdown.js';
import { createHttpServer } from './http-server.js';
import { createLogger, JsonNestLogger } from './observability/logger.js';

const logger = new Logger('Main');

async function main(): Promise<void> {
  const config = loadConfig();
  Logger.overrideLogger(new JsonNestLogger(createLogger(config.logLevel)));
  const database = await openDatabase(config, (message) => logger.warn(message));
  let isStopping = false;
  const stopDatabase = async () => {
    await database.stop().catch((error: unknown) => logger.error(`Stopping the database failed: ${String(error)}`));
  };
  const app = await createHttpServer(config, database.url).catch(async (error: unknown) => {
    await stopDatabase();
    throw error;
  });
  // Our own signal handling (not enableShutdownHooks): drain HTTP, close the app and its pool, then stop
  // the embedded PostgreSQL, and exit 0 as a deliberate stop should.
  const shutdown = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    logger.log(`${signal} received: finishing requests in flight`);
    const { shutdownDrainMs, shutdownGraceMs } = config.limits;
    const deadline = setTimeout(
      () => {
        logger.error('Shutdown did not finish after the grace period; exiting');
        process.exit(1);
      },
      shutdownDrainMs + shutdownGraceMs + 15_000,
    );
    deadline.unref();
    await shutDownGracefully(app, config.limits, logger).catch((error: unknown) =>
      logger.error(`Closing the app failed: ${String(error)}`),
    );
    await stopDatabase();
    logger.log('Stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal));
  await app.listen({ port: config.port, host: '0.0.0.0' });
  logger.log(`coalition-registry serving http://localhost:${config.port}/graphql`);
}

main().catch((error: unknown) => {
  logger.error(
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error),
  );
  process.exit(1);
});
