import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Apollo's automatic persisted queries, shared by every instance: a query registered through one is
 * found by the others (a CDN in front sends a GET for a hash to whichever instance it likes). A store,
 * not a fact: no history, no audit; bounded by the service (PERSISTED_QUERIES_MAX) and by the CHECKs.
 */
export class AddSharedPersistedQueries1764470000000 implements MigrationInterface {
  name = 'AddSharedPersistedQueries1764470000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE persisted_query (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        query text NOT NULL CHECK (length(query) BETWEEN 1 AND 1000000),
        registered_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX persisted_query_registered_at ON persisted_query (registered_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE persisted_query`);
  }
}
