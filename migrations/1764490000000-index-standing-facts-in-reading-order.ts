import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Standing facts in the order every read lists them, so a page's statement walks an index instead of
 * sorting each membership's few rows (an incremental sort per membership, fifty per nested page):
 * history by effective date, then the place a correction took (EVENT_PLACE in
 * membership.repository.ts, written out here since a migration is frozen), then recording order;
 * commitments by the date made, then title, which also lets `commitments(first: n)` stop after n.
 * Partial: retracted facts are read only on request (includeRetracted, by id), and the older indexes
 * still serve those reads.
 */
export class IndexStandingFactsInReadingOrder1764490000000 implements MigrationInterface {
  name = 'IndexStandingFactsInReadingOrder1764490000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX membership_event_standing_order
        ON membership_event (membership_id, effective_on, (coalesce(place, sequence)), sequence)
        WHERE retracted_at IS NULL;
      CREATE INDEX commitment_standing_order ON commitment (membership_id, made_on, title) WHERE retracted_at IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX commitment_standing_order;
      DROP INDEX membership_event_standing_order;
    `);
  }
}
