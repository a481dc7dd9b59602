import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The citation columns before this migration (1764430000000 added the two retraction ones). */
const CITED_COLUMNS = `coalition_id, reported_figure_id, coalition_event_id, line_of_effort_id, engagement_id,
  membership_event_id, commitment_id, membership_event_retraction_id, commitment_retraction_id`;

const QUALIFIERS = `('EXACT', 'MORE_THAN', 'AT_LEAST', 'ABOUT', 'NEARLY')`;

/**
 * Every fact writable by an admin: coalitions, sources and participants get a version (an update
 * names the version it read), a source an archived copy's address. A reported figure gets a version,
 * a combined count of countries and organisations together, a date that may be a lower bound only
 * (ON_OR_AFTER), the order it was recorded in (`sequence`, which breaks a tie between two figures of
 * one day), and a retraction (it stays on record, with when, by whom, why and on whose word). A figure
 * must say at least one number.
 */
export class MakeCoalitionFactsWritable1764440000000 implements MigrationInterface {
  name = 'MakeCoalitionFactsWritable1764440000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE coalition ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
      ALTER TABLE participant ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
      ALTER TABLE source
        ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        ADD COLUMN archived_url text CHECK (archived_url IS NULL OR archived_url ~ '^https?://');

      ALTER TABLE reported_figure
        ADD COLUMN sequence bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        ADD COLUMN combined integer CHECK (combined >= 0),
        ADD COLUMN combined_qualifier text CHECK (combined_qualifier IN ${QUALIFIERS}),
        ADD COLUMN retracted_at timestamptz,
        ADD COLUMN retracted_by text,
        ADD COLUMN retraction_reason text CHECK (length(retraction_reason) BETWEEN 1 AND 2000),
        ADD CONSTRAINT reported_figure_combined_qualified CHECK ((combined IS NULL) = (combined_qualifier IS NULL)),
        ADD CONSTRAINT reported_figure_says_a_number CHECK (num_nonnulls(countries, organizations, combined) >= 1),
        ADD CONSTRAINT reported_figure_retraction_whole
          CHECK ((retracted_at IS NULL) = (retracted_by IS NULL) AND (retracted_at IS NULL) = (retraction_reason IS NULL)),
        DROP CONSTRAINT reported_figure_reported_on_precision_check,
        ADD CONSTRAINT reported_figure_reported_on_precision_check
          CHECK (reported_on_precision IN ('DAY', 'MONTH', 'ON_OR_AFTER'));

      -- A figure's retraction may cite its sources, like a membership event's or a commitment's.
      ALTER TABLE citation
        ADD COLUMN reported_figure_retraction_id uuid REFERENCES reported_figure (id) ON DELETE CASCADE,
        DROP CONSTRAINT citation_check,
        ADD CONSTRAINT citation_check
          CHECK (num_nonnulls(${CITED_COLUMNS}, reported_figure_retraction_id) = 1);
      CREATE INDEX citation_reported_figure_retraction ON citation (reported_figure_retraction_id)
        WHERE reported_figure_retraction_id IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM citation WHERE reported_figure_retraction_id IS NOT NULL;
      ALTER TABLE citation
        DROP CONSTRAINT citation_check,
        DROP COLUMN reported_figure_retraction_id,
        ADD CONSTRAINT citation_check CHECK (num_nonnulls(${CITED_COLUMNS}) = 1);
      DELETE FROM reported_figure WHERE reported_on_precision = 'ON_OR_AFTER' OR (countries IS NULL AND organizations IS NULL);
      ALTER TABLE reported_figure
        DROP CONSTRAINT reported_figure_reported_on_precision_check,
        ADD CONSTRAINT reported_figure_reported_on_precision_check CHECK (reported_on_precision IN ('DAY', 'MONTH')),
        DROP COLUMN sequence, DROP COLUMN version, DROP COLUMN combined, DROP COLUMN combined_qualifier,
        DROP COLUMN retracted_at, DROP COLUMN retracted_by, DROP COLUMN retraction_reason;
      ALTER TABLE source DROP COLUMN version, DROP COLUMN archived_url;
      ALTER TABLE participant DROP COLUMN version;
      ALTER TABLE coalition DROP COLUMN version;
    `);
  }
}
