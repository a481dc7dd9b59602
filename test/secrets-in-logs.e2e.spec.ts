import { runCli } from './support/run-cli.js';
import { startServiceProcess, type ServiceProcess } from './support/service-process.js';
import { createTestDatabase } from './support/test-app.js';

/**
 * API keys never leave the caller's hands: not in the log (at debug level, through successes,
 * refusals, failures), not in error responses, not in the audit log. Only a key's name appears.
 */
let database: { url: string; drop(): Promise<void> };
let service: ServiceProcess;

beforeAll(async () => {
  database = await createTestDatabase();
  service = await startServiceProcess({ DATABASE_URL: database.url, LOG_LEVEL: 'debug' });
}, 60_000);
afterAll(async () => {
  await service?.stop();
  await database?.drop();
});

async function createKey(name: string, role: string): Promise<string> {
  const created = await runCli('dist/src/auth/apikey.cli.js', ['create', '--role', role, '--name', name], database.url);
  expect(created.code).toBe(0);
  return created.stdout.trim().split('\n').at(-1)!;
}

async function send(query: string, key: string, extraHeaders: Record<string, string> = {}) {
  const response = await fetch(`${service.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...extraHeaders },
    body: JSON.stringify({ query }),
  });
  return response.text();
}

it('never writes an API key to the log, an error or the audit log; the key name is what identifies a caller', async () => {
  const admin = await createKey('log-admin', 'admin');
  const viewer = await createKey('log-viewer', 'viewer');
  const revoked = await createKey('log-revoked', 'admin');
  expect((await runCli('dist/src/auth/apikey.cli.js', ['revoke', '--name', 'log-revoked'], database.url)).code).toBe(0);
  const forged = `${admin.slice(0, -5)}XXXXX`;

  const responses = [
    await send(
      `mutation { addParticipant(input: { kind: INTERNATIONAL_ORGANIZATION, code: "LOGTEST", name: "Log test" }) { code } }`,
      admin,
      { 'idempotency-key': 'log-1' },
    ),
    await send(
      `mutation { addParticipant(input: { kind: INTERNATIONAL_ORGANIZATION, code: "LOGTEST", name: "Log test" }) { code } }`,
      admin,
    ),
    await send(
      `mutation { addParticipant(input: { kind: INTERNATIONAL_ORGANIZATION, code: "LOGTEST2", name: "Log test" }) { code } }`,
      viewer,
    ),
    await send(`{ coalitions { slug } }`, revoked),
    await send(`{ coalitions { slug } }`, forged),
    await send(`{ coalitions { slug } }`, `${admin} extra`),
    await send(`{ auditLog(first: 20) { nodes { actor role operation before after } } }`, admin),
  ];
  expect(responses[0]).toContain('"LOGTEST"');
  expect(responses[1]).toContain('CONFLICT');
  expect(responses[2]).toContain('FORBIDDEN');
  expect(responses[3]).toContain('UNAUTHENTICATED');
  expect(responses[4]).toContain('UNAUTHENTICATED');
  expect(responses[6]).toContain('"actor":"log-admin"');

  expect(await service.stop()).toBe(0);
  const log = service.output();
  expect(log).toMatch(/"requestId":"[^"]+".*"msg":"request completed"/);
  for (const key of [admin, viewer, revoked, forged]) {
    // crk_<12-character prefix>_<secret>: the secret itself may contain '_', so cut by position.
    const secret = /^crk_[a-z0-9]{12}_(.{43})$/.exec(key)![1]!;
    expect(log).not.toContain(secret);
    for (const response of responses) expect(response).not.toContain(secret);
  }
  expect(log).not.toMatch(/authorization":"Bearer/i);
}, 120_000);
