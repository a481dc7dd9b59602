import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { onReadTarget, primaryPoolOf } from './read-routing.js';

/**
 * A read that PostgreSQL parses and plans once per pooled connection, not on every request: pg's
 * named prepared statements, named after a hash of the SQL so one text always has one name (pg
 * refuses one name for two texts). On the hot reads planning cost more than running the query (about
 * 1 ms against 0.15 ms for the diplomat's lookup), and PostGraphile, which we are measured against,
 * prepares its statements the same way. Only for reads outside a transaction: writes go through
 * TypeORM's query runner. A read goes to a replica when there are healthy ones (read-routing.ts).
 */
const MAX_NAMED_TEXTS = 2000;
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `read_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    // The texts are the service's own (a few hundred variants at most); the bound is a safety net.
    if (names.size < MAX_NAMED_TEXTS) names.set(text, name);
  }
  return name;
}

export async function preparedRead<Row = Record<string, unknown>>(
  db: DataSource,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const result = await onReadTarget(db, (pool) => pool.query({ name: statementName(text), text, values }));
  return result.rows as Row[];
}

/**
 * A read through TypeORM's entity API (find, query builders) on the same server a prepared read would
 * use: on a replica, a query runner is lent one of that replica's connections.
 */
export function entityRead<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return onReadTarget(db, async (pool) => {
    if (pool === primaryPoolOf(db)) return work(db.manager);
    const client = await pool.connect();
    const runner = db.createQueryRunner();
    // TypeORM's runner uses a connection already set instead of taking one from the primary's pool.
    (runner as unknown as { databaseConnection: pg.PoolClient }).databaseConnection = client;
    let failure: Error | undefined;
    try {
      return await work(runner.manager);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      await runner.release();
      client.release(failure);
    }
  });
}
