import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry's shape: participants, coalitions with their reported figures, memberships with an
 * append-only event history, commitments, and the sources every fact cites. Invariants live here too
 * (CHECK, UNIQUE, foreign keys): the database is the last line of defence against a bad write.
 */
export class CreateRegistrySchema1764380000000 implements MigrationInterface {
  name = 'CreateRegistrySchema1764380000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE source (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        publisher text,
        published_on date,
        published_on_precision text NOT NULL DEFAULT 'DAY' CHECK (published_on_precision IN ('DAY', 'MONTH')),
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (url IS NULL OR url ~ '^https?://')
      );
      CREATE UNIQUE INDEX source_url_unique ON source (url) WHERE url IS NOT NULL;

      CREATE TABLE participant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('COUNTRY', 'INTERNATIONAL_ORGANIZATION')),
        code text NOT NULL UNIQUE CHECK (code = upper(code) AND length(code) BETWEEN 2 AND 20),
        alpha3 text UNIQUE CHECK (alpha3 ~ '^[A-Z]{3}$'),
        name text NOT NULL,
        official_name text,
        region text,
        subregion text,
        website text CHECK (website IS NULL OR website ~ '^https?://'),
        aliases text[] NOT NULL DEFAULT '{}',
        search_text text NOT NULL,
        CHECK ((kind = 'COUNTRY') = (alpha3 IS NOT NULL AND code ~ '^[A-Z]{2}$'))
      );
      CREATE INDEX participant_kind_region ON participant (kind, region);
      CREATE INDEX participant_name ON participant (name, id);

      CREATE TABLE coalition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        description text,
        founding_text text,
        launched_on date,
        convener_id uuid REFERENCES participant (id),
        roster_note text
      );

      CREATE TABLE reported_figure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        coalition_id uuid NOT NULL REFERENCES coalition (id) ON DELETE CASCADE,
        reported_on date NOT NULL,
        reported_on_precision text NOT NULL DEFAULT 'DAY' CHECK (reported_on_precision IN ('DAY', 'MONTH')),
        countries integer CHECK (countries >= 0),
        countries_qualifier text CHECK (countries_qualifier IN ('EXACT', 'MORE_THAN', 'AT_LEAST', 'ABOUT', 'NEARLY')),
        organizations integer CHECK (organizations >= 0),
        organizations_qualifier text CHECK (organizations_qualifier IN ('EXACT', 'MORE_THAN', 'AT_LEAST', 'ABOUT', 'NEARLY')),
        wording text NOT NULL,
        UNIQUE (coalition_id, reported_on, wording),
        CHECK ((countries IS NULL) = (countries_qualifier IS NULL)),
        CHECK ((organizations IS NULL) = (organizations_qualifier IS NULL))
      );

      CREATE TABLE coalition_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        coalition_id uuid NOT NULL REFERENCES coalition (id) ON DELETE CASCADE,
        occurred_on date NOT NULL,
        title text NOT NULL,
        UNIQUE (coalition_id, occurred_on, title)
      );

      CREATE TABLE line_of_effort (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        coalition_id uuid NOT NULL REFERENCES coalition (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key IN ('PREVENT_ILLICIT_MANUFACTURE_AND_TRAFFICKING', 'DETECT_EMERGING_THREATS', 'PUBLIC_HEALTH_RESPONSE')),
        working_group integer NOT NULL,
        name text NOT NULL,
        sub_groups text[] NOT NULL DEFAULT '{}',
        UNIQUE (coalition_id, key)
      );

      CREATE TABLE engagement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        coalition_id uuid NOT NULL REFERENCES coalition (id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant (id),
        note text NOT NULL,
        UNIQUE (coalition_id, participant_id)
      );

      CREATE TABLE membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        coalition_id uuid NOT NULL REFERENCES coalition (id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant (id),
        status text NOT NULL CHECK (status IN ('INVITED', 'COMMITTED', 'DECLINED', 'WITHDRAWN')),
        invited_on date,
        status_since date NOT NULL,
        status_since_precision text NOT NULL DEFAULT 'DAY' CHECK (status_since_precision IN ('DAY', 'MONTH')),
        role text,
        note text,
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (coalition_id, participant_id),
        CHECK (invited_on IS NULL OR invited_on <= status_since)
      );
      CREATE INDEX membership_coalition_status ON membership (coalition_id, status);
      CREATE INDEX membership_participant ON membership (participant_id);
      CREATE INDEX membership_coalition_since ON membership (coalition_id, status_since, id);

      CREATE TABLE membership_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sequence bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        membership_id uuid NOT NULL REFERENCES membership (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('INVITED', 'COMMITTED', 'DECLINED', 'WITHDRAWN')),
        effective_on date NOT NULL,
        effective_on_precision text NOT NULL DEFAULT 'DAY' CHECK (effective_on_precision IN ('DAY', 'MONTH')),
        is_attested boolean NOT NULL DEFAULT false,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by text NOT NULL,
        note text
      );
      CREATE INDEX membership_event_history ON membership_event (membership_id, effective_on, sequence);
      CREATE INDEX membership_event_effective ON membership_event (effective_on);

      CREATE TABLE commitment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        membership_id uuid NOT NULL REFERENCES membership (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description text,
        line_of_effort text CHECK (line_of_effort IN ('PREVENT_ILLICIT_MANUFACTURE_AND_TRAFFICKING', 'DETECT_EMERGING_THREATS', 'PUBLIC_HEALTH_RESPONSE')),
        status text NOT NULL CHECK (status IN ('PLEDGED', 'IN_PROGRESS', 'FULFILLED', 'WITHDRAWN')),
        made_on date NOT NULL,
        is_attested boolean NOT NULL DEFAULT false,
        note text,
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (membership_id, title)
      );
      CREATE INDEX commitment_membership ON commitment (membership_id, made_on, id);

      -- One table of citations: each row ties a source to exactly one fact.
      CREATE TABLE citation (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_id uuid NOT NULL REFERENCES source (id),
        coalition_id uuid REFERENCES coalition (id) ON DELETE CASCADE,
        reported_figure_id uuid REFERENCES reported_figure (id) ON DELETE CASCADE,
        coalition_event_id uuid REFERENCES coalition_event (id) ON DELETE CASCADE,
        line_of_effort_id uuid REFERENCES line_of_effort (id) ON DELETE CASCADE,
        engagement_id uuid REFERENCES engagement (id) ON DELETE CASCADE,
        membership_event_id uuid REFERENCES membership_event (id) ON DELETE CASCADE,
        commitment_id uuid REFERENCES commitment (id) ON DELETE CASCADE,
        CHECK (num_nonnulls(coalition_id, reported_figure_id, coalition_event_id, line_of_effort_id,
                            engagement_id, membership_event_id, commitment_id) = 1)
      );
      CREATE INDEX citation_coalition ON citation (coalition_id) WHERE coalition_id IS NOT NULL;
      CREATE INDEX citation_reported_figure ON citation (reported_figure_id) WHERE reported_figure_id IS NOT NULL;
      CREATE INDEX citation_coalition_event ON citation (coalition_event_id) WHERE coalition_event_id IS NOT NULL;
      CREATE INDEX citation_line_of_effort ON citation (line_of_effort_id) WHERE line_of_effort_id IS NOT NULL;
      CREATE INDEX citation_engagement ON citation (engagement_id) WHERE engagement_id IS NOT NULL;
      CREATE INDEX citation_membership_event ON citation (membership_event_id) WHERE membership_event_id IS NOT NULL;
      CREATE INDEX citation_commitment ON citation (commitment_id) WHERE commitment_id IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE citation, commitment, membership_event, membership, engagement, line_of_effort,
                 coalition_event, reported_figure, coalition, participant, source;
    `);
  }
}
