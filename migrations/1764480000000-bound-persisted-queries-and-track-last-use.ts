import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The persisted-query store, bounded by what it keeps and not only by how many: a stored query is at
 * most 32768 characters (INPUT_LIMITS.persistedQuery, written out here since a migration is frozen),
 * and each row says when it was last served, so the store forgets the least recently used hashes
 * (a dashboard's long-lived ones stay) rather than the earliest registered. Longer queries already
 * stored are dropped: a client whose hash is not found sends its query again.
 */
export class BoundPersistedQueriesAndTrackLastUse1764480000000 implements MigrationInterface {
  name = 'BoundPersistedQueriesAndTrackLastUse1764480000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM persisted_query WHERE length(query) > 32768;
      ALTER TABLE persisted_query DROP CONSTRAINT persisted_query_query_check;
      ALTER TABLE persisted_query ADD CONSTRAINT persisted_query_query_check CHECK (length(query) BETWEEN 1 AND 32768);
      ALTER TABLE persisted_query ADD COLUMN last_used_at timestamptz;
      UPDATE persisted_query SET last_used_at = registered_at;
      ALTER TABLE persisted_query ALTER COLUMN last_used_at SET NOT NULL, ALTER COLUMN last_used_at SET DEFAULT now();
      DROP INDEX persisted_query_registered_at;
      CREATE INDEX persisted_query_last_used_at ON persisted_query (last_used_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX persisted_query_last_used_at;
      CREATE INDEX persisted_query_registered_at ON persisted_query (registered_at);
      ALTER TABLE persisted_query DROP COLUMN last_used_at;
      ALTER TABLE persisted_query DROP CONSTRAINT persisted_query_query_check;
      ALTER TABLE persisted_query ADD CONSTRAINT persisted_query_query_check CHECK (length(query) BETWEEN 1 AND 1000000);
    `);
  }
}
