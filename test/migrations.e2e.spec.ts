import pg from 'pg';
import { MIGRATIONS } from '../src/registry-database.js';
import { runCli } from './support/run-cli.js';
import { createTestDatabase } from './support/test-app.js';

const MIGRATE = 'dist/src/database/migrate.cli.js';

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  await client.end();
  return rows.map((row) => row.tablename as string);
}

it('migration:run applies every migration, migration:revert undoes them one at a time, and run restores them', async () => {
  const database = await createTestDatabase();
  try {
    const run = await runCli(MIGRATE, ['run'], database.url);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(MIGRATIONS.map((migration) => migration.name).join(', '));
    const all = await tables(database.url);
    expect(all).toEqual(expect.arrayContaining(['membership', 'membership_event', 'api_key', 'audit_entry']));

    for (let step = 0; step < MIGRATIONS.length; step += 1) {
      expect((await runCli(MIGRATE, ['revert'], database.url)).stdout).toMatch(/^Reverted /);
    }
    expect(await tables(database.url)).toEqual(['migrations']);
    expect((await runCli(MIGRATE, ['revert'], database.url)).stdout).toMatch(/No migration to revert/);

    expect((await runCli(MIGRATE, ['run'], database.url)).code).toBe(0);
    expect(await tables(database.url)).toEqual(all);
  } finally {
    await database.drop();
  }
  // One CLI run per migration and step: the time grows with the list of migrations.
}, 120_000);
