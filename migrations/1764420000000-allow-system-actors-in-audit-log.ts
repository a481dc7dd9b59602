import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log also records writes no API key made: the seed's facts and keys created or revoked at
 * the shell with `npm run apikey`. Their role is SYSTEM.
 */
export class AllowSystemActorsInAuditLog1764420000000 implements MigrationInterface {
  name = 'AllowSystemActorsInAuditLog1764420000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_role_check;
      ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_role_check CHECK (role IN ('VIEWER', 'ADMIN', 'SYSTEM'));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM audit_entry WHERE role = 'SYSTEM';
      ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_role_check;
      ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_role_check CHECK (role IN ('VIEWER', 'ADMIN'));
    `);
  }
}
