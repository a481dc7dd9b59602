import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections that keep history honest: a membership event or a commitment can be retracted (it
 * stays, with when, by whom, why and on whose word), and a membership event can be corrected by a new
 * event that replaces it (`correction_of`) and takes its place in the order of the history (`place`:
 * the sequence of the first event of the chain, so a same-day correction does not jump behind its
 * neighbours). The reads follow standing (unretracted) events only.
 */
export class RecordCorrectionsAndRetractions1764430000000 implements MigrationInterface {
  name = 'RecordCorrectionsAndRetractions1764430000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE membership_event
        ADD COLUMN retracted_at timestamptz,
        ADD COLUMN retracted_by text,
        ADD COLUMN retraction_reason text CHECK (length(retraction_reason) BETWEEN 1 AND 2000),
        -- Deferred: a restore's COPY may load a correction before the (since updated) row it replaced.
        ADD COLUMN correction_of uuid UNIQUE REFERENCES membership_event (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        ADD COLUMN place bigint,
        ADD CONSTRAINT membership_event_retraction_whole
          CHECK ((retracted_at IS NULL) = (retracted_by IS NULL) AND (retracted_at IS NULL) = (retraction_reason IS NULL)),
        ADD CONSTRAINT membership_event_correction_not_itself CHECK (correction_of <> id),
        ADD CONSTRAINT membership_event_correction_has_place CHECK ((correction_of IS NULL) = (place IS NULL));

      ALTER TABLE commitment
        ADD COLUMN retracted_at timestamptz,
        ADD COLUMN retracted_by text,
        ADD COLUMN retraction_reason text CHECK (length(retraction_reason) BETWEEN 1 AND 2000),
        ADD CONSTRAINT commitment_retraction_whole
          CHECK ((retracted_at IS NULL) = (retracted_by IS NULL) AND (retracted_at IS NULL) = (retraction_reason IS NULL));

      -- A retraction may cite its sources, like the fact it withdraws.
      ALTER TABLE citation
        ADD COLUMN membership_event_retraction_id uuid REFERENCES membership_event (id) ON DELETE CASCADE,
        ADD COLUMN commitment_retraction_id uuid REFERENCES commitment (id) ON DELETE CASCADE,
        DROP CONSTRAINT citation_check,
        ADD CONSTRAINT citation_check
          CHECK (num_nonnulls(coalition_id, reported_figure_id, coalition_event_id, line_of_effort_id, engagement_id,
                              membership_event_id, commitment_id, membership_event_retraction_id, commitment_retraction_id) = 1);
      CREATE INDEX citation_membership_event_retraction ON citation (membership_event_retraction_id)
        WHERE membership_event_retraction_id IS NOT NULL;
      CREATE INDEX citation_commitment_retraction ON citation (commitment_retraction_id)
        WHERE commitment_retraction_id IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM citation WHERE membership_event_retraction_id IS NOT NULL OR commitment_retraction_id IS NOT NULL;
      ALTER TABLE citation
        DROP CONSTRAINT citation_check,
        DROP COLUMN membership_event_retraction_id,
        DROP COLUMN commitment_retraction_id,
        ADD CONSTRAINT citation_check
          CHECK (num_nonnulls(coalition_id, reported_figure_id, coalition_event_id, line_of_effort_id,
                              engagement_id, membership_event_id, commitment_id) = 1);
      ALTER TABLE commitment DROP COLUMN retracted_at, DROP COLUMN retracted_by, DROP COLUMN retraction_reason;
      ALTER TABLE membership_event DROP COLUMN retracted_at, DROP COLUMN retracted_by, DROP COLUMN retraction_reason,
        DROP COLUMN correction_of, DROP COLUMN place;
    `);
  }
}
