import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { INPUT_LIMITS } from '../common/input-rules.js';
import type { PersistedQueryRepository } from './persisted-query.repository.js';

/** What Apollo asks of a persisted-query store (its KeyValueCache): keys are `apq:<sha256>`. */
export interface PersistedQueryCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

const KEY = /^apq:([0-9a-f]{64})$/;
/**
 * What the queries an instance keeps in memory may weigh, in bytes (UTF-8, hashes included). A query's
 * text never changes under its hash: an instance may keep what it found for as long as it likes.
 */
const KEPT_IN_PROCESS_BYTES = 8 * 1024 * 1024;
/**
 * How often an instance marks a hash it serves from memory as used in the shared store: often enough
 * that a hash in use is never the least recently used, seldom enough that a hot one does not write on
 * every request.
 */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

interface KeptQuery {
  query: string;
  /** When this instance last marked the hash used in the store (Date.now()). */
  touchedAt: number;
}

export const isRegistrable = (query: string): boolean => query.length <= INPUT_LIMITS.persistedQuery;

const tooLongToRegister = (query: string) =>
  new GraphQLError(
    `A query registered as a persisted query must be at most ${INPUT_LIMITS.persistedQuery} characters ` +
      `(this one has ${query.length}): send it without the persistedQuery extension`,
    { extensions: { code: 'BAD_USER_INPUT', argument: 'query', http: { status: 400 } } },
  );

/**
 * Apollo's APQ store, shared by every instance through PostgreSQL, with each instance's own copy of
 * what it has already looked up in front (hot hashes cost no query). Bounded three ways: the length of
 * a query that may be registered, the bytes an instance keeps, and the rows the store keeps (the least
 * recently used go first).
 */
export class SharedPersistedQueries implements PersistedQueryCache {
  private readonly known = new LRUCache<string, KeptQuery>({
    maxSize: KEPT_IN_PROCESS_BYTES,
    sizeCalculation: (kept, sha256) => Buffer.byteLength(sha256) + Buffer.byteLength(kept.query),
  });

  constructor(
    private readonly repository: PersistedQueryRepository,
    private readonly maxStored: number,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const sha256 = KEY.exec(key)?.[1];
    if (sha256 === undefined) return undefined;
    const now = Date.now();
    const kept = this.known.get(sha256);
    if (kept !== undefined) {
      if (now - kept.touchedAt >= TOUCH_INTERVAL_MS) {
        kept.touchedAt = now;
        // Not awaited: the query is known; a touch that fails only makes the hash look older.
        this.repository.touch(sha256).catch(() => undefined);
      }
      return kept.query;
    }
    const found = await this.repository.use(sha256);
    if (found !== undefined) this.known.set(sha256, { query: found, touchedAt: now });
    return found;
  }

  /** Apollo calls this once it has checked that the query's hash is `sha256` (and the plugin let it through). */
  async set(key: string, value: string): Promise<void> {
    const sha256 = KEY.exec(key)?.[1];
    if (sha256 === undefined || !isRegistrable(value)) return;
    this.known.set(sha256, { query: value, touchedAt: Date.now() });
    await this.repository.register(sha256, value, this.maxStored);
  }

  async delete(key: string): Promise<boolean> {
    const sha256 = KEY.exec(key)?.[1];
    if (sha256 === undefined) return false;
    this.known.delete(sha256);
    await this.repository.forget(sha256);
    return true;
  }

  /**
   * Refuses, before it runs or is stored, a query sent to be registered that is longer than a
   * persisted query may be: BAD_USER_INPUT, and the client may send it again without the extension.
   */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ metrics, source }) => {
          if (metrics.persistedQueryRegister && !isRegistrable(source)) throw tooLongToRegister(source);
        },
      }),
    };
  }
}
