import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Where a read goes. Without replicas, to the primary's pool (the one TypeORM keeps); with them, to
 * whatever the replication feature registered for the data source (src/replication/): a healthy
 * replica that has replayed far enough for this request, or the primary. Writes never come here:
 * they go through TypeORM's transactions, on the primary.
 */

/** A WAL position (an LSN, `16/B374D848`) as a number, to compare. */
export type WalPosition = bigint;

export function parseWalPosition(text: string): WalPosition | undefined {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!match) return undefined;
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

export function formatWalPosition(position: WalPosition): string {
  return `${(position >> 32n).toString(16).toUpperCase()}/${(position & 0xffffffffn).toString(16).toUpperCase()}`;
}

/**
 * What one request needs of its reads and what they were answered from, kept for the request's whole
 * run (AsyncLocalStorage, entered by src/replication/read-position.http.ts around every route).
 */
export interface ReadConsistency {
  /** The least the data read must include: X-Registry-Min-Position, raised by this request's own writes. */
  minPosition: WalPosition;
  /** The commit position of this request's last write (sent back as X-Registry-Position). */
  writtenAt?: WalPosition;
  /** The lowest position any read of this request was known to be answered at (0 when unknown). */
  readAt?: WalPosition;
  /** Some read came from a replica not yet known to hold the last change this instance heard of. */
  mayBeBehind: boolean;
}

export const readConsistency = new AsyncLocalStorage<ReadConsistency>();

export const newReadConsistency = (minPosition: WalPosition = 0n): ReadConsistency => ({
  minPosition,
  mayBeBehind: false,
});

/** A position no replica reaches: a read that needs it is answered by the primary. */
const PRIMARY_ONLY: WalPosition = (1n << 64n) - 1n;

/**
 * Runs `work` with every read it makes (and every read of what it starts) answered by the primary:
 * for reads that must see a change whose position is not known, such as live updates' state after a
 * change notice (a replica may not have replayed it yet, and no later event would correct it).
 */
export function readingFromPrimary<Result>(work: () => Result): Result {
  return readConsistency.run(newReadConsistency(PRIMARY_ONLY), work);
}

/**
 * After a commit whose position could not be read: this request's later reads go to the primary,
 * which holds the commit, and its answer names no position.
 */
export function noteCommittedAtUnknownPosition(): void {
  const current = readConsistency.getStore();
  if (current) current.minPosition = PRIMARY_ONLY;
}

/** After a commit: this request's later reads must see it, and its answer says where it is. */
export function noteCommitted(position: WalPosition): void {
  const current = readConsistency.getStore();
  if (!current) return;
  current.writtenAt = position;
  if (position > current.minPosition) current.minPosition = position;
}

/** A place to read from: a pool, and what is known of how far it has replayed. */
export interface ReadTarget {
  pool: pg.Pool;
  /** Known to have replayed at least this far (0 when not measured). */
  position: WalPosition;
  isReplica: boolean;
  /** It failed to answer: stop sending reads there until it is measured healthy again. */
  markDown(error: unknown): void;
}

export interface ReadRouter {
  /** The target for a read needing `consistency` (or none: any healthy replica). */
  pick(consistency: ReadConsistency | undefined): ReadTarget;
  /** The primary, as a target (the fallback when a replica fails mid-read). */
  primary(): ReadTarget;
  /** Whether a replica's answer at `position` may miss a change this instance has heard of. */
  isBehindLastChange(position: WalPosition): boolean;
}

const routers = new WeakMap<DataSource, ReadRouter>();

export function routeReads(db: DataSource, router: ReadRouter | undefined): void {
  if (router) routers.set(db, router);
  else routers.delete(db);
}

/** The pg Pool TypeORM keeps for the data source (with its timeouts and size): the primary. */
export function primaryPoolOf(db: DataSource): pg.Pool {
  return (db.driver as unknown as { master: pg.Pool }).master;
}

/**
 * SQLSTATE classes of a query's own fault (a bad value, bad SQL): the primary would refuse it too.
 * Anything else from a replica (a lost connection, a conflict with recovery, a timeout) is retried there.
 */
const QUERY_FAULT = /^(22|23|42)/;

/**
 * Runs `work` against the right server for this request's reads: a replica when one fits, falling
 * back to the primary (at once, not after a retry loop) when the replica fails to answer.
 */
export async function onReadTarget<T>(db: DataSource, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const router = routers.get(db);
  if (!router) return work(primaryPoolOf(db));
  const consistency = readConsistency.getStore();
  const target = router.pick(consistency);
  const note = (used: ReadTarget) => {
    if (!consistency) return;
    consistency.readAt = consistency.readAt === undefined ? used.position : minOf(consistency.readAt, used.position);
    if (used.isReplica && router.isBehindLastChange(used.position)) consistency.mayBeBehind = true;
  };
  if (!target.isReplica) {
    note(target);
    return work(target.pool);
  }
  try {
    const result = await work(target.pool);
    note(target);
    return result;
  } catch (error) {
    if (QUERY_FAULT.test(String((error as { code?: unknown }).code ?? ''))) throw error;
    target.markDown(error);
    const primary = router.primary();
    note(primary);
    return work(primary.pool);
  }
}

const minOf = (a: WalPosition, b: WalPosition) => (a < b ? a : b);
