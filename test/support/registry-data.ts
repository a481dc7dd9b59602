import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * A fingerprint of every row of every table (audit and idempotency records included): equal
 * fingerprints mean the data is byte-for-byte what it was.
 */
export async function fingerprintOfData(databaseUrl: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const fingerprint: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t ORDER BY 1`);
      const hash = createHash('sha256');
      for (const { row } of rows.rows) hash.update(row).update('\n');
      fingerprint[name] = `${rows.rowCount} rows ${hash.digest('hex').slice(0, 16)}`;
    }
    return fingerprint;
  } finally {
    await client.end();
  }
}
