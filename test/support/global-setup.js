// Plain JavaScript on the built launcher: Jest loads globalSetup natively, outside its TS transform.
// `npm test` builds first (pretest), so dist/ is current.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../dist/src/database/embedded-postgres.launcher.js';

const SERVER_FILE = path.resolve('.data', 'test-server.json');

/**
 * One PostgreSQL for the whole run: TEST_DATABASE_URL's server when set, otherwise a throwaway
 * embedded cluster. Each suite then creates its own database on it, so suites never share rows.
 */
export default async function globalSetup() {
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const handle = await startEmbeddedPostgres({
      dataDir: path.resolve('.data', 'test'),
      isDataDirExplicit: false,
      isThrowaway: true,
      log: (message) => process.stderr.write(`${message}\n`),
    });
    globalThis.registryTestDatabase = handle;
    url = handle.url;
  }
  process.env.REGISTRY_TEST_SERVER_URL = url;
  mkdirSync(path.dirname(SERVER_FILE), { recursive: true });
  writeFileSync(SERVER_FILE, JSON.stringify({ url }), { mode: 0o600 });
}
