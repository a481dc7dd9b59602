import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type DatabaseHandle } from '../src/database/embedded-postgres.launcher.js';
import { BACKUP, RESTORE, writtenFile } from './support/backup-cli.js';
import { runCli } from './support/run-cli.js';
import { postGraphql, startServiceProcess, testDataDir, type ServiceProcess } from './support/service-process.js';

/**
 * Moving house with the two commands: a registry kept by `npm start` in its embedded PostgreSQL goes
 * to another PostgreSQL server (here a second embedded one, so the test needs nothing installed), and
 * back to the embedded PostgreSQL of a new machine, each time backed up while its service runs.
 */
const SLUG = 'synthetic-drug-threats';
const home = testDataDir('backup-move-home');
const otherServer = testDataDir('backup-move-other-server');
const newHome = testDataDir('backup-move-new-home');
const folder = mkdtempSync(path.join(tmpdir(), 'backup-move-'));
const services: ServiceProcess[] = [];
let other: DatabaseHandle | undefined;

afterAll(async () => {
  for (const service of services) if (service.child.exitCode === null) await service.stop();
  await other?.stop();
  for (const dir of [home, otherServer, newHome, folder]) rmSync(dir, { recursive: true, force: true });
});

async function serve(env: Record<string, string>): Promise<ServiceProcess> {
  const service = await startServiceProcess(env);
  services.push(service);
  return service;
}

const READS = `{ coalition(slug: "${SLUG}") { stats { total committed byStatus { status count } }
  memberships(first: 50, orderBy: { field: PARTICIPANT_CODE }) { totalCount nodes { id status statusSince version
    participant { code } history { status effectiveOn recordedAt recordedBy sources { url } } } } }
  auditLog(first: 50) { totalCount nodes { id at actor operation before after } } }`;

async function answers(service: ServiceProcess, key: string) {
  const { data, errors } = await postGraphql(service.baseUrl, READS, { authorization: `Bearer ${key}` });
  expect(errors).toBeUndefined();
  return data!;
}

async function changeNewZealand(service: ServiceProcess, key: string, status: string, version: number, on: string) {
  const { data, errors } = await postGraphql(
    service.baseUrl,
    `mutation { changeMembershipStatus(input: { coalition: "${SLUG}", participant: "NZ", status: ${status},
      effectiveOn: "${on}", expectedVersion: ${version}, source: { url: "https://example.org/nz-${status}", title: "NZ" } }) { version } }`,
    { authorization: `Bearer ${key}` },
  );
  expect(errors).toBeUndefined();
  return data!.changeMembershipStatus.version as number;
}

it('moves a registry from the embedded PostgreSQL to another PostgreSQL and back, with its history, keys and audit log', async () => {
  // 1. At home: npm start's embedded PostgreSQL, an admin key, a write, a backup while it runs.
  const first = await serve({ DATA_DIR: home });
  const created = await runCli('dist/src/auth/apikey.cli.js', ['create', '--role', 'admin', '--name', 'ops'], {
    DATA_DIR: home,
  });
  const key = created.stdout.trim().split('\n').at(-1)!;
  const invited = await postGraphql(
    first.baseUrl,
    `mutation { recordInvitation(input: { coalition: "${SLUG}", participant: "NZ", invitedOn: "2024-06-01" }) { version } }`,
    { authorization: `Bearer ${key}` },
  );
  expect(invited.data).toEqual({ recordInvitation: { version: 1 } });
  const fromHome = writtenFile(await runCli(BACKUP, ['--out', `${folder}/`], { DATA_DIR: home }));
  const atHome = await answers(first, key);
  expect(await first.stop()).toBe(0);

  // 2. To another PostgreSQL server, empty: restore, then the service runs there with the same key.
  other = await startEmbeddedPostgres({ dataDir: otherServer, isDataDirExplicit: false, isThrowaway: true });
  const moved = await runCli(RESTORE, [fromHome, '--into', other.url], {});
  expect(moved.code).toBe(0);
  expect(moved.stdout).toMatch(/row counts match the manifest/);
  const second = await serve({ DATABASE_URL: other.url });
  expect(await answers(second, key)).toEqual(atHome);
  expect(await changeNewZealand(second, key, 'COMMITTED', 1, '2024-07-01')).toBe(2);
  const fromOther = writtenFile(await runCli(BACKUP, ['--out', `${folder}/`], other.url));
  const atOther = await answers(second, key);
  expect(await second.stop()).toBe(0);

  // 3. Back to the embedded PostgreSQL of a new machine: the restore starts it, fills it, stops it.
  const back = await runCli(RESTORE, [fromOther], { DATA_DIR: newHome });
  expect(back.code).toBe(0);
  const third = await serve({ DATA_DIR: newHome });
  expect(await answers(third, key)).toEqual(atOther);
  expect(await changeNewZealand(third, key, 'WITHDRAWN', 2, '2024-08-01')).toBe(3);
  expect(await third.stop()).toBe(0);
}, 300_000);
