import 'reflect-metadata';
import type { LoggerService } from '@nestjs/common';
import { ConfigError, loadConfig, type LogLevel } from './config/app-config.js';
import { openDatabase } from './database/open-database.js';
import { createLogger, JsonNestLogger } from './observability/logger.js';

/** Main's own lines, in the JSON of every other line (Nest's logger is not loaded yet, see below). */
function mainLogger(level: LogLevel): LoggerService {
  const json = new JsonNestLogger(createLogger(level));
  return {
    log: (message: unknown) => json.log(message, 'Main'),
    warn: (message: unknown) => json.warn(message, 'Main'),
    error: (message: unknown) => json.error(message, 'Main'),
  };
}
let logger = mainLogger('info');

async function main(): Promise<void> {
  const config = loadConfig();
  logger = mainLogger(config.logLevel);
  // The embedded PostgreSQL starts (processes of its own, on another core) while the service's modules
  // load: loaded first, they would add a few seconds to every start.
  const [database, { createHttpServer }, { shutDownGracefully }] = await Promise.all([
    openDatabase(config, (message) => logger.warn(message)),
    import('./http-server.js'),
    import('./graceful-shutdown.js'),
  ]);
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
