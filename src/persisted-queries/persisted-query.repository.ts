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

  async find(sha256: string): Promise<string | undefined> {
    const [row]: Array<{ query: string }> = await this.db.query(`SELECT query FROM persisted_query WHERE sha256 = $1`, [
      sha256,
    ]);
    return row?.query;
  }

  /** Keeps the query, then forgets the least recently registered beyond `maxStored` (the store is bounded). */
  async register(sha256: string, query: string, maxStored: number): Promise<void> {
    const [inserted]: unknown[] = await this.db.query(
      `INSERT INTO persisted_query (sha256, query) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING sha256`,
      [sha256, query],
    );
    if (inserted === undefined) return;
    await this.db.query(
      `DELETE FROM persisted_query WHERE sha256 IN (
         SELECT sha256 FROM persisted_query ORDER BY registered_at DESC, sha256 OFFSET $1)`,
      [maxStored],
    );
  }

  async forget(sha256: string): Promise<void> {
    await this.db.query(`DELETE FROM persisted_query WHERE sha256 = $1`, [sha256]);
  }
}
