import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The members page filters on lower(region): give that expression its own index. */
export class IndexParticipantRegionFilter1764400000000 implements MigrationInterface {
  name = 'IndexParticipantRegionFilter1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX participant_lower_region ON participant (lower(region))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX participant_lower_region`);
  }
}
