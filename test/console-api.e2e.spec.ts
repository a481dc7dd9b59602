import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import { startTestApp, type TestApp, useTestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
const app = useTestApp();
let keys: TestKeys;
beforeAll(async () => {
  keys = await createTestKeys(app.current(), 'console');
});

const IMPORT = `mutation Import($input: ImportRosterInput!) { importRoster(input: $input) {
  isDryRun isApplied created changed unchanged lines { line participant outcome message } } }`;
const HEADER = 'participant,status,date,source_url,source_title,note';
const SOURCE = 'https://example.org/roster-console,Console roster';

async function membershipOf(code: string) {
  const { data } = await app
    .current()
    .graphql(`query($code: String!) { membership(coalition: "${SLUG}", participant: $code) { status version } }`, {
      code,
    });
  return data!.membership as { status: string; version: number } | null;
}

describe('viewer', () => {
  it('names the key a request carries and its role, and is null without one', async () => {
    const asAdmin = await app.current().graphql('{ viewer { name role } }', {}, bearer(keys.admin));
    expect(asAdmin.data!.viewer).toEqual({ name: 'console-admin', role: 'ADMIN' });
    const asViewer = await app.current().graphql('{ viewer { name role } }', {}, bearer(keys.viewer));
    expect(asViewer.data!.viewer).toEqual({ name: 'console-viewer', role: 'VIEWER' });
    const anonymous = await app.current().graphql('{ viewer { name role } }');
    expect(anonymous.data!.viewer).toBeNull();
    const revoked = await app.current().graphql('{ viewer { name role } }', {}, bearer(keys.revoked));
    expect(revoked.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('needs a key where reads are private', async () => {
    let privateApp: TestApp | undefined;
    try {
      privateApp = await startTestApp({ REQUIRE_AUTH_FOR_READS: 'true' });
      const privateKeys = await createTestKeys(privateApp, 'private');
      const anonymous = await privateApp.graphql('{ viewer { name role } }');
      expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      const signedIn = await privateApp.graphql('{ viewer { name role } }', {}, bearer(privateKeys.viewer));
      expect(signedIn.data!.viewer).toEqual({ name: 'private-viewer', role: 'VIEWER' });
    } finally {
      await privateApp?.close();
    }
  });
});

describe('importRoster', () => {
  it('reports every line of a dry run (new, no change, error with the reason) and writes nothing', async () => {
    expect(await membershipOf('IS')).toBeNull();
    const csv = [
      HEADER,
      `IS,COMMITTED,2024-05-01,${SOURCE},`,
      `IN,COMMITTED,2023-07-07,${SOURCE},`,
      `XX,COMMITTED,2024-05-01,${SOURCE},`,
    ].join('\n');
    const { data, errors } = await app
      .current()
      .graphql(IMPORT, { input: { coalition: SLUG, csv, dryRun: true } }, bearer(keys.admin));
    expect(errors).toBeUndefined();
    expect(data!.importRoster).toMatchObject({ isDryRun: true, isApplied: false, created: 1 });
    const lines = data!.importRoster.lines;
    expect(lines.map((line: { line: number; outcome: string }) => [line.line, line.outcome])).toEqual([
      [2, 'NEW'],
      [3, 'NO_CHANGE'],
      [4, 'ERROR'],
    ]);
    expect(lines[2].message).toMatch(/XX is not known/);
    expect(await membershipOf('IS')).toBeNull();
  });

  it('applies a clean roster once: a change, then the same file changes nothing', async () => {
    expect(await membershipOf('NP')).toBeNull();
    const csv = [HEADER, `NP,COMMITTED,2024-05-02,${SOURCE},joined`].join('\n');
    const applied = await app
      .current()
      .graphql(IMPORT, { input: { coalition: SLUG, csv, dryRun: false } }, bearer(keys.admin));
    expect(applied.data!.importRoster).toMatchObject({ isApplied: true, created: 1, lines: [{ outcome: 'NEW' }] });
    expect(await membershipOf('NP')).toEqual({ status: 'COMMITTED', version: 1 });
    const again = await app
      .current()
      .graphql(IMPORT, { input: { coalition: SLUG, csv, dryRun: false } }, bearer(keys.admin));
    expect(again.data!.importRoster).toMatchObject({
      isApplied: true,
      unchanged: 1,
      lines: [{ outcome: 'NO_CHANGE' }],
    });
    const audit = await app
      .current()
      .graphql(
        '{ auditLog(operation: "importRoster", actor: "console-admin") { totalCount } }',
        {},
        bearer(keys.admin),
      );
    expect(audit.data!.auditLog.totalCount).toBe(1);
  });

  it('writes once for a repeated Idempotency-Key', async () => {
    expect(await membershipOf('MN')).toBeNull();
    const csv = [HEADER, `MN,INVITED,2024-05-03,${SOURCE},`].join('\n');
    const headers = { ...bearer(keys.admin), 'idempotency-key': 'console-import-1' };
    const first = await app.current().graphql(IMPORT, { input: { coalition: SLUG, csv, dryRun: false } }, headers);
    const second = await app.current().graphql(IMPORT, { input: { coalition: SLUG, csv, dryRun: false } }, headers);
    expect(second.data).toEqual(first.data);
    expect(await membershipOf('MN')).toEqual({ status: 'INVITED', version: 1 });
  });

  it('is for admin keys only, and refuses a file over the size or row cap naming csv', async () => {
    const small = { coalition: SLUG, csv: `${HEADER}\n`, dryRun: true };
    const asViewer = await app.current().graphql(IMPORT, { input: small }, bearer(keys.viewer));
    expect(asViewer.errors![0].extensions!.code).toBe('FORBIDDEN');

    const manyRows = [HEADER, ...Array.from({ length: 1001 }, () => `IS,COMMITTED,2024-05-01,${SOURCE},`)].join('\n');
    const tooMany = await app.current().graphql(IMPORT, { input: { ...small, csv: manyRows } }, bearer(keys.admin));
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'csv' });
    expect(tooMany.errors![0].message).toMatch(/at most 1000 rows/);

    const huge = `${HEADER}\n${'x'.repeat(129 * 1024)}`;
    const tooBig = await app.current().graphql(IMPORT, { input: { ...small, csv: huge } }, bearer(keys.admin));
    expect(tooBig.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'csv' });

    const broken = await app
      .current()
      .graphql(IMPORT, { input: { ...small, csv: 'participant,colour\nIS,blue' } }, bearer(keys.admin));
    expect(broken.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'csv' });
  });
});

describe('auditLog filters', () => {
  it('filters by operation and by a date range, and pages newest first', async () => {
    const query = `query($operation: String, $since: DateTimeISO, $until: DateTimeISO, $after: String) {
      auditLog(first: 1, operation: $operation, since: $since, until: $until, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id operation at } } }`;
    // The suite's keys were made before any test: three creations, one revocation.
    const all = await app.current().graphql(query, { operation: 'createApiKey' }, bearer(keys.admin));
    expect(all.errors).toBeUndefined();
    const firstPage = all.data!.auditLog;
    expect(firstPage.totalCount).toBeGreaterThanOrEqual(3);
    expect(firstPage.nodes[0].operation).toBe('createApiKey');
    const next = await app
      .current()
      .graphql(query, { operation: 'createApiKey', after: firstPage.pageInfo.endCursor }, bearer(keys.admin));
    expect(Number(next.data!.auditLog.nodes[0].id)).toBeLessThan(Number(firstPage.nodes[0].id));

    const future = new Date(Date.now() + 86_400_000).toISOString();
    const none = await app.current().graphql(query, { since: future }, bearer(keys.admin));
    expect(none.data!.auditLog.totalCount).toBe(0);
    const past = await app.current().graphql(query, { until: '2000-01-01T00:00:00Z' }, bearer(keys.admin));
    expect(past.data!.auditLog.totalCount).toBe(0);
    const upside = await app
      .current()
      .graphql(query, { since: future, until: '2000-01-01T00:00:00Z' }, bearer(keys.admin));
    expect(upside.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'until' });
  });
});
