import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './support/run-cli.js';
import { postGraphql, startServiceProcess, testDataDir } from './support/service-process.js';

/**
 * `npm start` as a newcomer runs it: the built service on an embedded PostgreSQL under DATA_DIR,
 * stopped with SIGTERM and started again over the same data.
 */
const dataDir = testDataDir('two-commands');
const env = { DATA_DIR: dataDir };
const COUNTS = `{ coalition(slug: "synthetic-drug-threats") { stats { total committed } memberships { totalCount } reportedFigures { reportedOn } } }`;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('serves on an embedded PostgreSQL, keeps admin writes across restarts, never duplicates the seed, and exits 0 on SIGTERM', async () => {
  const first = await startServiceProcess(env);
  let key: string;
  try {
    const seeded = await postGraphql(first.baseUrl, COUNTS);
    expect(seeded.data!.coalition.stats).toEqual({ total: 30, committed: 29 });
    // The key CLI joins the embedded PostgreSQL the running service started.
    const created = await runCli('dist/src/auth/apikey.cli.js', ['create', '--role', 'admin', '--name', 'ops'], env);
    expect(created.code).toBe(0);
    key = created.stdout.trim().split('\n').at(-1)!;
    const invited = await postGraphql(
      first.baseUrl,
      `mutation { recordInvitation(input: { coalition: "synthetic-drug-threats", participant: "NZ", invitedOn: "2024-06-01" }) { status } }`,
      { authorization: `Bearer ${key}` },
    );
    expect(invited.data).toEqual({ recordInvitation: { status: 'INVITED' } });
  } finally {
    expect(await first.stop()).toBe(0);
  }
  expect(first.output()).toMatch(/SIGTERM received/);

  // With the service stopped, the CLI starts the embedded PostgreSQL itself.
  const listed = await runCli('dist/src/auth/apikey.cli.js', ['list'], env);
  expect(listed.stdout).toMatch(/^ops\tADMIN/m);

  const second = await startServiceProcess(env);
  try {
    const after = await postGraphql(second.baseUrl, COUNTS);
    expect(after.data!.coalition.stats).toEqual({ total: 31, committed: 29 });
    expect(after.data!.coalition.reportedFigures).toHaveLength(8);
    const nz = await postGraphql(
      second.baseUrl,
      `{ membership(coalition: "synthetic-drug-threats", participant: "NZ") { status invitedOn } }`,
    );
    expect(nz.data!.membership).toEqual({ status: 'INVITED', invitedOn: '2024-06-01' });
  } finally {
    expect(await second.stop()).toBe(0);
  }
  const clusterDir = second.output().match(/lives in (\S+)\./)?.[1] ?? path.join(dataDir, 'pg');
  expect(existsSync(path.join(clusterDir, 'postmaster.pid'))).toBe(false);
}, 120_000);
