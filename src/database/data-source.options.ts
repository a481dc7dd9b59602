import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseTimeouts } from '../config/app-config.js';

// A SQL `date` is a calendar date: keep it as 'YYYY-MM-DD' instead of a JS Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** What the service stores and how it got that shape: the lists live with the composition root. */
export interface DatabaseSchema {
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

const DEFAULT_TIMEOUTS: DatabaseTimeouts = { connectTimeoutMs: 3000, statementTimeoutMs: 5000, poolSize: 10 };

/** The one description of how to reach the database, shared by the app, the CLIs and the tests. */
export function dataSourceOptions(
  url: string,
  schema: DatabaseSchema,
  timeouts: DatabaseTimeouts = DEFAULT_TIMEOUTS,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    poolSize: timeouts.poolSize,
    connectTimeoutMS: timeouts.connectTimeoutMs,
    extra: {
      ...statementTimeouts(timeouts.statementTimeoutMs),
      idleTimeoutMillis: 30_000,
      application_name: 'coalition-registry',
    },
  };
}

/**
 * The two timeouts of every pool of ours (the primary's, each replica's): PostgreSQL cancels a statement
 * past `statementTimeoutMs`; pg gives up on an answer a second later (a dead connection never answers).
 * pg's read timeout is patched (patches/pg+*.patch): unpatched, it kept every answered query alive.
 */
export function statementTimeouts(statementTimeoutMs: number): { statement_timeout: number; query_timeout: number } {
  return { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + 1000 };
}
