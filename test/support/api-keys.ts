import { systemActor } from '../../src/audit/actor.js';
import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import type { TestApp } from './test-app.js';

export interface TestKeys {
  admin: string;
  viewer: string;
  revoked: string;
}

/** Who the audit log says made the test keys. */
export const TEST_SETUP = systemActor('test-setup');

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** An admin, a viewer and a revoked admin key, made the way the CLI makes them. */
export async function createTestKeys(service: TestApp, prefix = 'test'): Promise<TestKeys> {
  const keys = service.app.get(ApiKeysService);
  const by = TEST_SETUP;
  const admin = (await keys.create(`${prefix}-admin`, 'admin', by)).key;
  const viewer = (await keys.create(`${prefix}-viewer`, 'viewer', by)).key;
  const revoked = (await keys.create(`${prefix}-revoked`, 'admin', by)).key;
  await keys.revoke(`${prefix}-revoked`, by);
  return { admin, viewer, revoked };
}
