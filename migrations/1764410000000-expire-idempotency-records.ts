import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency records expire. The rule lives in one SQL function, idempotency_expired_before(): the
 * background sweep deletes what is older, and a claim of a key whose record is older replaces that
 * record (a trigger), so an expired record never replays, swept yet or not. The service writes its
 * IDEMPOTENCY_TTL_HOURS into idempotency_policy at start.
 */
export class ExpireIdempotencyRecords1764410000000 implements MigrationInterface {
  name = 'ExpireIdempotencyRecords1764410000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_policy (
        is_the_policy boolean PRIMARY KEY DEFAULT true CHECK (is_the_policy),
        time_to_live interval NOT NULL CHECK (time_to_live > interval '0')
      );
      INSERT INTO idempotency_policy (time_to_live) VALUES (interval '24 hours');

      CREATE FUNCTION idempotency_expired_before() RETURNS timestamptz LANGUAGE sql STABLE
        AS $$ SELECT now() - time_to_live FROM idempotency_policy $$;

      CREATE FUNCTION idempotency_record_replace_expired() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM idempotency_record
         WHERE api_key_id = NEW.api_key_id AND key = NEW.key AND created_at < idempotency_expired_before();
        RETURN NEW;
      END $$;
      CREATE TRIGGER idempotency_record_replace_expired BEFORE INSERT ON idempotency_record
        FOR EACH ROW EXECUTE FUNCTION idempotency_record_replace_expired();

      CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX idempotency_record_created_at;
      DROP TRIGGER idempotency_record_replace_expired ON idempotency_record;
      DROP FUNCTION idempotency_record_replace_expired(), idempotency_expired_before();
      DROP TABLE idempotency_policy;
    `);
  }
}
