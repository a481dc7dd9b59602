import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import type { TestApp } from './test-app.js';

export interface TestKeys {
  admin: string;
  viewer: string;
  revoked: string;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** An admin, a viewer and a revoked admin key, made the way the CLI makes them. */
export async function createTestKeys(service: TestApp, prefix = 'test'): Promise<TestKeys> {
  const keys = service.app.get(ApiKeysService);
  const admin = (await keys.create(`${prefix}-admin`, 'admin')).key;
  const viewer = (await keys.create(`${prefix}-viewer`, 'viewer')).key;
  const revoked = (await keys.create(`${prefix}-revoked`, 'admin')).key;
  await keys.revoke(`${prefix}-revoked`);
  return { admin, viewer, revoked };
}
