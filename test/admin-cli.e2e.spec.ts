import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { bearer } from './support/api-keys.js';
import { runCli } from './support/run-cli.js';
import { useTestApp } from './support/test-app.js';

const SLUG = 'synthetic-drug-threats';
const APIKEY = 'dist/src/auth/apikey.cli.js';
const IMPORT = 'dist/src/roster-import/roster-import.cli.js';
const app = useTestApp();
const folder = mkdtempSync(path.join(tmpdir(), 'roster-'));

describe('npm run apikey', () => {
  it('creates a key printed as the last line, lists it without the secret, and revokes it', async () => {
    const { databaseUrl } = app.current();
    const created = await runCli(APIKEY, ['create', '--role', 'admin', '--name', 'ops'], databaseUrl);
    expect(created.code).toBe(0);
    const key = created.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^crk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const works = await app.current().graphql(`{ auditLog { totalCount } }`, {}, bearer(key));
    expect(works.errors).toBeUndefined();

    const listed = await runCli(APIKEY, ['list'], databaseUrl);
    expect(listed.stdout).toMatch(/^ops\tADMIN\tcreated .*\tactive$/m);
    expect(listed.stdout).not.toContain(key);

    const duplicate = await runCli(APIKEY, ['create', '--role', 'viewer', '--name', 'ops'], databaseUrl);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/exists already/);

    expect((await runCli(APIKEY, ['revoke', '--name', 'ops'], databaseUrl)).code).toBe(0);
    const refused = await app.current().graphql(`{ auditLog { totalCount } }`, {}, bearer(key));
    expect(refused.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('audits creating and revoking a key: who ran the CLI, the key name and role, never the key', async () => {
    const { databaseUrl } = app.current();
    const created = await runCli(APIKEY, ['create', '--role', 'viewer', '--name', 'audited'], databaseUrl);
    const key = created.stdout.trim().split('\n').at(-1)!;
    expect((await runCli(APIKEY, ['revoke', '--name', 'audited'], databaseUrl)).code).toBe(0);
    const entries = await app
      .current()
      .app.get(DataSource)
      .query(
        `SELECT actor, role, operation, before, after FROM audit_entry
          WHERE operation IN ('createApiKey', 'revokeApiKey') AND after->>'name' = 'audited' ORDER BY id`,
      );
    const operator = { actor: `cli:${userInfo().username}`, role: 'SYSTEM' };
    expect(entries).toEqual([
      { ...operator, operation: 'createApiKey', before: null, after: { name: 'audited', role: 'VIEWER' } },
      {
        ...operator,
        operation: 'revokeApiKey',
        before: { name: 'audited', role: 'VIEWER', revokedAt: null },
        after: { name: 'audited', role: 'VIEWER', revokedAt: expect.any(String) },
      },
    ]);
    const [{ key_hash: hash }] = await app
      .current()
      .app.get(DataSource)
      .query(`SELECT key_hash FROM api_key WHERE name = 'audited'`);
    for (const secret of [key, key.split('_').at(-1)!, hash]) expect(JSON.stringify(entries)).not.toContain(secret);
  });

  it('refuses an unknown role', async () => {
    const result = await runCli(APIKEY, ['create', '--role', 'root', '--name', 'x'], app.current().databaseUrl);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/role must be one of viewer, admin/);
  });
});

describe('npm run import', () => {
  async function sixtyNonMembers(): Promise<string[]> {
    const rows: Array<{ code: string }> = await app
      .current()
      .app.get(DataSource)
      .query(
        `SELECT p.code FROM participant p WHERE p.kind = 'COUNTRY'
         AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.participant_id = p.id) ORDER BY p.code LIMIT 60`,
      );
    return rows.map((row) => row.code);
  }

  function csv(codes: string[], badLine?: number): string {
    const lines = codes.map((code, index) => {
      const date = index + 2 === badLine ? '2024-02-31' : '2024-03-15';
      return `${code},COMMITTED,${date},https://example.org/roster-2024,Published roster,from the roster`;
    });
    return ['participant,status,date,source_url,source_title,note', ...lines].join('\n');
  }

  async function counts() {
    const [row] = await app
      .current()
      .app.get(DataSource)
      .query(
        `SELECT (SELECT count(*) FROM membership)::int AS memberships, (SELECT count(*) FROM membership_event)::int AS events,
              (SELECT count(*) FROM audit_entry)::int AS audits`,
      );
    return row as { memberships: number; events: number; audits: number };
  }

  it('applies nothing when one row of 60 is bad, names its line, then applies the mended file once', async () => {
    const { databaseUrl } = app.current();
    await runCli(APIKEY, ['create', '--role', 'admin', '--name', 'importer'], databaseUrl);
    const codes = await sixtyNonMembers();
    expect(codes).toHaveLength(60);
    const bad = path.join(folder, 'roster-bad.csv');
    writeFileSync(bad, csv(codes, 42));
    const before = await counts();

    const refused = await runCli(IMPORT, [bad, '--key-name', 'importer'], databaseUrl);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^line 42: .*date/m);
    expect(refused.stdout).toMatch(/1 bad row\(s\) in 60: nothing was applied/);
    expect(await counts()).toEqual(before);

    const mended = path.join(folder, 'roster.csv');
    writeFileSync(mended, csv(codes));
    const dryRun = await runCli(IMPORT, [mended, '--key-name', 'importer', '--dry-run'], databaseUrl);
    expect(dryRun.stdout).toMatch(/Dry run, nothing applied: would be 60 new, 0 changed, 0 unchanged/);
    expect(await counts()).toEqual(before);

    const applied = await runCli(IMPORT, [mended, '--key-name', 'importer'], databaseUrl);
    expect(applied.stdout).toMatch(/Applied: 60 new, 0 changed, 0 unchanged/);
    expect(applied.code).toBe(0);
    expect(await counts()).toEqual({
      memberships: before.memberships + 60,
      events: before.events + 60,
      audits: before.audits + 60,
    });

    const again = await runCli(IMPORT, [mended, '--key-name', 'importer'], databaseUrl);
    expect(again.stdout).toMatch(/Applied: 0 new, 0 changed, 60 unchanged/);
    expect(await counts()).toEqual({
      memberships: before.memberships + 60,
      events: before.events + 60,
      audits: before.audits + 60,
    });

    const { data } = await app.current().graphql(`{ membership(coalition: "${SLUG}", participant: "${codes[0]}") {
      status statusSince history { recordedBy isAttested sources { url } } } }`);
    expect(data!.membership).toEqual({
      status: 'COMMITTED',
      statusSince: '2024-03-15',
      history: [{ recordedBy: 'importer', isAttested: true, sources: [{ url: 'https://example.org/roster-2024' }] }],
    });
    const audit = await app.current().graphql(
      `{ auditLog(actor: "importer", first: 1) { totalCount nodes { operation } } }`,
      {},
      {
        authorization: `Bearer ${(await runCli(APIKEY, ['create', '--role', 'admin', '--name', 'reader'], databaseUrl)).stdout.trim().split('\n').at(-1)}`,
      },
    );
    expect(audit.data!.auditLog).toEqual({ totalCount: 60, nodes: [{ operation: 'importRoster' }] });
  });

  it('reads JSON too, reports each bad row by line, and refuses transitions the state machine forbids', async () => {
    const { databaseUrl } = app.current();
    await runCli(APIKEY, ['create', '--role', 'admin', '--name', 'json-importer'], databaseUrl);
    const file = path.join(folder, 'roster.json');
    writeFileSync(
      file,
      JSON.stringify(
        [
          {
            participant: 'JP',
            status: 'INVITED',
            date: '2024-05-01',
            sourceUrl: 'https://example.org/r',
            sourceTitle: 'R',
          },
          {
            participant: 'ZZ',
            status: 'COMMITTED',
            date: '2024-05-01',
            sourceUrl: 'https://example.org/r',
            sourceTitle: 'R',
          },
          {
            participant: 'NE',
            status: 'MEMBER',
            date: '2024-05-01',
            sourceUrl: 'https://example.org/r',
            sourceTitle: 'R',
          },
          { participant: 'NE', status: 'COMMITTED', date: '2024-05-01', sourceUrl: 'ftp://x', sourceTitle: 'R' },
        ],
        null,
        2,
      ),
    );
    const result = await runCli(IMPORT, [file, '--key-name', 'json-importer'], databaseUrl);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^line 2: A membership cannot go from COMMITTED to INVITED/m);
    expect(result.stdout).toMatch(/^line 9: participant ZZ is not known/m);
    expect(result.stdout).toMatch(/^line 16: status must be one of/m);
    expect(result.stdout).toMatch(/^line 23: source url must be an http or https address/m);
  });

  it('refuses a key name that is not a live admin key', async () => {
    const file = path.join(folder, 'one.csv');
    writeFileSync(
      file,
      'participant,status,date,source_url,source_title\nNE,COMMITTED,2024-01-01,https://example.org/a,A',
    );
    const result = await runCli(IMPORT, [file, '--key-name', 'nobody'], app.current().databaseUrl);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No live API key is named "nobody"/);
  });
});
