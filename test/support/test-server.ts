import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Where global-setup leaves the URL of the PostgreSQL server the suites create their databases on. */
export const SERVER_FILE = path.resolve('.data', 'test-server.json');

export function testServerUrl(): string {
  if (process.env.REGISTRY_TEST_SERVER_URL) return process.env.REGISTRY_TEST_SERVER_URL;
  return (JSON.parse(readFileSync(SERVER_FILE, 'utf8')) as { url: string }).url;
}
