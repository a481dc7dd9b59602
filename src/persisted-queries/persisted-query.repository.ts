import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The shared store of automatic persisted queries (table persisted_query). Always the primary: a query
 * registered through one instance must be found by the next request to another, which a replica
 * that has not replayed the registration yet would miss.
 */
@Injectable()
export class PersistedQueryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The query under this hash, marking it used (an UPDATE that changes nothing when the hash is unknown). */
  async use(sha256: string): Promise<string | undefined> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [Array<{ query: string }>, number] = await this.db.query(
      `UPDATE persisted_query SET last_used_at = now() WHERE sha256 = $1 RETURNING query`,
      [sha256],
    );
    return rows[0]?.query;
  }

  /** Marks the hash used: it moves to the back of the eviction order. */
  async touch(sha256: string): Promise<void> {
    await this.db.query(`UPDATE persisted_query SET last_used_at = now() WHERE sha256 = $1`, [sha256]);
  }

  /** Keeps the query, then forgets the least recently used beyond `maxStored` (the store is bounded). */
  async register(sha256: string, query: string, maxStored: number): Promise<void> {
    const [inserted]: unknown[] = await this.db.query(
      `INSERT INTO persisted_query (sha256, query) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING sha256`,
      [sha256, query],
    );
    if (inserted === undefined) return;
    await this.db.query(
      `DELETE FROM persisted_query WHERE sha256 IN (
         SELECT sha256 FROM persisted_query ORDER BY last_used_at DESC, sha256 OFFSET $1)`,
      [maxStored],
    );
  }

  async forget(sha256: string): Promise<void> {
    await this.db.query(`DELETE FROM persisted_query WHERE sha256 = $1`, [sha256]);
  }
}
