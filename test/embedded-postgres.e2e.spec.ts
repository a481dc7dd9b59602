import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.launcher.js';

/**
 * As root, PostgreSQL runs as the `postgres` user, which cannot enter a 0700 folder such as a
 * `mktemp -d` or /root. The launcher must notice and move the cluster where that user can reach it,
 * or, when DATA_DIR was set explicitly, stop at once and say what to set.
 */
const isRoot = process.getuid?.() === 0;
const describeAsRoot = isRoot ? describe : describe.skip;
if (!isRoot) console.warn('embedded-postgres.e2e: not running as root, so the closed-folder cases are skipped');

describeAsRoot('embedded PostgreSQL under a folder closed to the postgres user', () => {
  const closed = mkdtempSync(path.join(tmpdir(), 'closed-'));
  chmodSync(closed, 0o700);
  afterAll(() => rmSync(closed, { recursive: true, force: true }));

  it('falls back to a place the postgres user can reach, and works', async () => {
    const messages: string[] = [];
    const handle = await startEmbeddedPostgres({
      dataDir: path.join(closed, '.data'),
      isDataDirExplicit: false,
      isThrowaway: true,
      log: (message) => messages.push(message),
    });
    try {
      expect(handle.clusterDir).toMatch(/^\/var\/tmp\/coalition-registry-/);
      expect(messages.join('\n')).toMatch(/cannot reach .* Set DATA_DIR/);
      const client = new pg.Client({ connectionString: handle.url });
      await client.connect();
      const { rows } = await client.query('SELECT current_database() AS name');
      await client.end();
      expect(rows[0].name).toBe('registry');
    } finally {
      await handle.stop();
    }
  }, 60_000);

  it('refuses an explicit DATA_DIR there with a message that says what to set', async () => {
    await expect(
      startEmbeddedPostgres({ dataDir: path.join(closed, 'explicit'), isDataDirExplicit: true, log: () => undefined }),
    ).rejects.toThrow(/DATA_DIR=.* cannot be used: .*postgres.*Set DATA_DIR to a folder .* or set DATABASE_URL/s);
  });
});
