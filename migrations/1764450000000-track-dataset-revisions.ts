import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which revisions of the shipped dataset a database has received: one row per revision, written in
 * the revision's own transaction, with what it applied and what it skipped (and why). A database the
 * seed filled before revisions were numbered has no row: revision 1 then finds its coalition present.
 * The audit log gains an index of the record each entry is about (its `id` before or after the change):
 * how a revision finds who wrote a fact without reading the whole log.
 */
export class TrackDatasetRevisions1764450000000 implements MigrationInterface {
  name = 'TrackDatasetRevisions1764450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE dataset_revision (
        revision integer PRIMARY KEY CHECK (revision >= 1),
        applied_at timestamptz NOT NULL DEFAULT now(),
        applied_items integer NOT NULL CHECK (applied_items >= 0),
        skipped_items jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(skipped_items) = 'array')
      );
      CREATE INDEX audit_entry_record_after ON audit_entry ((after->>'id'));
      CREATE INDEX audit_entry_record_before ON audit_entry ((before->>'id'));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX audit_entry_record_before, audit_entry_record_after;
      DROP TABLE dataset_revision;
    `);
  }
}
