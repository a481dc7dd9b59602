import { LRUCache } from 'lru-cache';
import type { PersistedQueryRepository } from './persisted-query.repository.js';

/** What Apollo asks of a persisted-query store (its KeyValueCache): keys are `apq:<sha256>`. */
export interface PersistedQueryCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

const KEY = /^apq:([0-9a-f]{64})$/;
/** A query's text never changes under its hash: an instance may keep what it found for as long as it likes. */
const KEPT_IN_PROCESS = 2000;

/**
 * Apollo's APQ store, shared by every instance through PostgreSQL, with each instance's own copy of
 * what it has already looked up in front (hot hashes cost no query).
 */
export class SharedPersistedQueries implements PersistedQueryCache {
  private readonly known = new LRUCache<string, string>({ max: KEPT_IN_PROCESS });

  constructor(
    private readonly repository: PersistedQueryRepository,
    private readonly maxStored: number,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const sha256 = KEY.exec(key)?.[1];
    if (sha256 === undefined) return undefined;
    const kept = this.known.get(sha256);
    if (kept !== undefined) return kept;
    const found = await this.repository.find(sha256);
    if (found !== undefined) this.known.set(sha256, found);
    return found;
  }

  /** Apollo calls this once it has checked that the query's hash is `sha256`. */
  async set(key: string, value: string): Promise<void> {
    const sha256 = KEY.exec(key)?.[1];
    if (sha256 === undefined) return;
    this.known.set(sha256, value);
    await this.repository.register(sha256, value, this.maxStored);
  }

  async delete(key: string): Promise<boolean> {
    const sha256 = KEY.exec(key)?.[1];
    if (sha256 === undefined) return false;
    this.known.delete(sha256);
    await this.repository.forget(sha256);
    return true;
  }
}
