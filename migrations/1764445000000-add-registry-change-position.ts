import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed change gets the next number of this sequence in its change notice (drawn under a
 * lock held to the commit, so the numbers rise in commit order): a live subscriber can tell it missed
 * a change, whichever instance it listens on.
 */
export class AddRegistryChangePosition1764445000000 implements MigrationInterface {
  name = 'AddRegistryChangePosition1764445000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE registry_change_position AS bigint`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SEQUENCE registry_change_position`);
  }
}
