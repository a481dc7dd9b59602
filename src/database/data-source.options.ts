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
      statement_timeout: timeouts.statementTimeoutMs,
      query_timeout: timeouts.statementTimeoutMs + 1000,
      idleTimeoutMillis: 30_000,
      application_name: 'coalition-registry',
    },
  };
}
