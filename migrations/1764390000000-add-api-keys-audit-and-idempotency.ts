import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The admin write path: API keys (hashed), the audit log, and remembered results of idempotent writes. */
export class AddApiKeysAuditAndIdempotency1764390000000 implements MigrationInterface {
  name = 'AddApiKeysAuditAndIdempotency1764390000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ('VIEWER', 'ADMIN')),
        -- The key's public prefix finds the row; only a scrypt hash of the whole key is kept.
        prefix text NOT NULL UNIQUE,
        key_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );

      CREATE TABLE audit_entry (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        role text NOT NULL CHECK (role IN ('VIEWER', 'ADMIN')),
        operation text NOT NULL,
        before jsonb,
        after jsonb,
        request_id text
      );
      CREATE INDEX audit_entry_newest ON audit_entry (id DESC);
      CREATE INDEX audit_entry_actor ON audit_entry (actor, id DESC);
      CREATE INDEX audit_entry_at ON audit_entry (at);

      CREATE TABLE idempotency_record (
        api_key_id uuid NOT NULL REFERENCES api_key (id),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        operation text NOT NULL,
        request_hash text NOT NULL,
        result jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (api_key_id, key)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_record, audit_entry, api_key`);
  }
}
