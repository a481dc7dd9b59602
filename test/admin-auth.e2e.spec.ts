import { DataSource } from 'typeorm';
import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let service: TestApp;
let keys: TestKeys;

beforeAll(async () => {
  service = await startTestApp();
  keys = await createTestKeys(service);
});
afterAll(async () => {
  await service.close();
});

const SLUG = 'synthetic-drug-threats';
const SOURCE = `source: { url: "https://example.org/auth-test", title: "Auth test" }`;

/** Every admin operation, written so that an admin key succeeds. */
const OPERATIONS: Record<string, string> = {
  recordInvitation: `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "NO", invitedOn: "2024-01-10" }) { status } }`,
  changeMembershipStatus: `mutation { changeMembershipStatus(input: { coalition: "${SLUG}", participant: "CN", status: DECLINED, effectiveOn: "2024-05-01", expectedVersion: 1, ${SOURCE} }) { status } }`,
  recordCommitment: `mutation { recordCommitment(input: { coalition: "${SLUG}", participant: "JP", title: "Auth test pledge", madeOn: "2024-02-01", ${SOURCE} }) { title } }`,
  updateCommitmentStatus: `mutation($id: ID!) { updateCommitmentStatus(input: { id: $id, status: IN_PROGRESS, expectedVersion: 1, ${SOURCE} }) { status } }`,
  addParticipant: `mutation { addParticipant(input: { kind: INTERNATIONAL_ORGANIZATION, code: "INTERPOL", name: "International Criminal Police Organization" }) { code } }`,
  auditLog: `{ auditLog(first: 5) { totalCount } }`,
};

async function variablesFor(operation: string): Promise<Record<string, unknown> | undefined> {
  if (operation !== 'updateCommitmentStatus') return undefined;
  const { data } = await service.graphql(
    `{ membership(coalition: "${SLUG}", participant: "GB") { commitments { id title } } }`,
  );
  return { id: data!.membership.commitments.find((c: { title: string }) => c.title === 'Coalition Pledge').id };
}

describe.each(Object.keys(OPERATIONS))('%s', (operation) => {
  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    const { errors } = await service.graphql(OPERATIONS[operation], await variablesFor(operation));
    expect(errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a viewer key with FORBIDDEN', async () => {
    const { errors } = await service.graphql(OPERATIONS[operation], await variablesFor(operation), bearer(keys.viewer));
    expect(errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses a revoked key with UNAUTHENTICATED', async () => {
    const { errors } = await service.graphql(
      OPERATIONS[operation],
      await variablesFor(operation),
      bearer(keys.revoked),
    );
    expect(errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unknown key with UNAUTHENTICATED', async () => {
    const forged = `crk_abcdefghijkl_${'x'.repeat(43)}`;
    const { errors } = await service.graphql(OPERATIONS[operation], await variablesFor(operation), bearer(forged));
    expect(errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('lets an admin key through', async () => {
    const { errors, data } = await service.graphql(
      OPERATIONS[operation],
      await variablesFor(operation),
      bearer(keys.admin),
    );
    expect(errors).toBeUndefined();
    expect(data![operation]).toBeTruthy();
  });
});

describe('reads', () => {
  it('are public by default, and a bad key is still refused', async () => {
    expect((await service.graphql(`{ coalitions { slug } }`)).errors).toBeUndefined();
    expect((await service.graphql(`{ coalitions { slug } }`, {}, bearer(keys.viewer))).errors).toBeUndefined();
    const { errors } = await service.graphql(`{ coalitions { slug } }`, {}, { authorization: 'Bearer nonsense' });
    expect(errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('need a viewer key when REQUIRE_AUTH_FOR_READS=true', async () => {
    const closed = await startTestApp({ REQUIRE_AUTH_FOR_READS: 'true' });
    try {
      const closedKeys = await createTestKeys(closed, 'closed');
      expect((await closed.graphql(`{ coalitions { slug } }`)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect((await closed.graphql(`{ coalitions { slug } }`, {}, bearer(closedKeys.viewer))).errors).toBeUndefined();
      expect(
        (await closed.graphql(`{ coalitions { slug } }`, {}, bearer(closedKeys.revoked))).errors![0].extensions!.code,
      ).toBe('UNAUTHENTICATED');
    } finally {
      await closed.close();
    }
  });
});

describe('secrets', () => {
  it('stores only a hash of each key, and the audit log names the key, never the key', async () => {
    const stored: Array<{ key_hash: string; prefix: string }> = await service.app
      .get(DataSource)
      .query(`SELECT key_hash, prefix FROM api_key`);
    expect(stored.length).toBeGreaterThanOrEqual(3);
    for (const row of stored) {
      expect(row.key_hash).toMatch(/^scrypt\$/);
      for (const key of Object.values(keys)) expect(row.key_hash).not.toContain(key);
    }
    const { data } = await service.graphql(
      `{ auditLog(first: 100) { nodes { actor before after } } }`,
      {},
      bearer(keys.admin),
    );
    const text = JSON.stringify(data);
    expect(text).toContain('test-admin');
    for (const key of Object.values(keys)) expect(text).not.toContain(key);
  });
});
