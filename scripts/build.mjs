// `npm run build`: the server (TypeScript to dist/, incremental) and the web pages (Vite to dist/web),
// each rebuilt only when what it is built from changed since its last good build. What a step is built
// from is hashed (paths and contents); the hash of its last good build is kept in dist/.build-stamps/.
// A step whose outputs are missing is rebuilt whatever its stamp says, so a stale dist is never used.
//
//   node scripts/build.mjs [server|web ...] [--dry-run]   (no step named: every step)
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMPS = path.join(root, 'dist', '.build-stamps');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/**
 * Server sources: what tsconfig.build.json compiles (spec files excluded). tsc skips node_modules, so
 * a package installed under a source folder (the bench's PostGraphile in bench/postgraphile/) is none:
 * counted, its declaration files were outputs forever missing, and every build started over.
 */
const isServerSource = (file) =>
  file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.split(path.sep).includes('node_modules');
/** The files under `entries` (files or folders, relative to the project root) that `isWanted`, sorted. */
async function filesOf(entries, isWanted = () => true) {
  const files = [];
  for (const entry of entries) {
    const stats = await stat(path.join(root, entry)).catch(() => undefined);
    if (stats?.isFile()) files.push(entry);
    if (!stats?.isDirectory()) continue;
    for (const dirent of await readdir(path.join(root, entry), { withFileTypes: true, recursive: true })) {
      const file = path.relative(root, path.join(dirent.parentPath, dirent.name));
      if (dirent.isFile() && isWanted(file)) files.push(file);
    }
  }
  return files.sort();
}

const CONFIG = ['package.json', 'package-lock.json', 'scripts/build.mjs'];

export const STEPS = {
  server: {
    sources: async () => [
      ...(await filesOf(['src', 'migrations', 'bench'], isServerSource)),
      ...(await filesOf(['tsconfig.json', 'tsconfig.build.json', ...CONFIG])),
    ],
    /** Each compiled source's JavaScript. */
    outputs: async () =>
      (await filesOf(['src', 'migrations', 'bench'], isServerSource)).map((file) =>
        path.join('dist', file.replace(/\.ts$/, '.js')),
      ),
    // tsc's own incremental state: only changed files (and what depends on them) are checked and emitted.
    // Outputs missing while it says "up to date" would never be written again: then it starts over.
    beforeRebuild: (areOutputsMissing) =>
      areOutputsMissing ? rm(path.join(root, 'dist', '.tsbuildinfo'), { force: true }) : undefined,
    commands: [[bin('tsc'), '-p', 'tsconfig.build.json']],
  },
  web: {
    sources: async () => [...(await filesOf(['web', 'scripts/persisted-queries.mjs'])), ...(await filesOf(CONFIG))],
    outputs: async () => [
      'dist/web/index.html',
      'dist/web/admin.html',
      'dist/web/graphiql.html',
      'dist/web/persisted-queries.json',
    ],
    commands: [
      [bin('tsc'), '-p', 'web/tsconfig.json'],
      [bin('vite'), 'build', '--config', 'web/vite.config.ts'],
      // After Vite, which empties dist/web first.
      [process.execPath, path.join(root, 'scripts', 'persisted-queries.mjs')],
    ],
  },
};

async function hashOf(files) {
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(await readFile(path.join(root, file)))
      .update('\0');
  return hash.digest('hex');
}

/** Whether a step must run, and why; with the hash to stamp once it has. */
export async function planOf(name) {
  const step = STEPS[name];
  const hash = await hashOf(await step.sources());
  const stamp = await readFile(path.join(STAMPS, name), 'utf8').catch(() => undefined);
  const missing = (await step.outputs()).filter((file) => !existsSync(path.join(root, file)));
  const reason =
    missing.length > 0
      ? `${missing.length} output(s) missing (${missing[0]})`
      : stamp !== hash
        ? stamp === undefined
          ? 'never built'
          : 'sources changed'
        : undefined;
  return { name, hash, reason, areOutputsMissing: missing.length > 0 };
}

function run([command, ...args], { signal, isBackground }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', signal });
    // A build in the background yields the CPU to whatever is in the foreground (the service starting).
    if (isBackground && child.pid !== undefined) setPriority(child.pid, 19);
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(command)} ${args.join(' ')} failed (${signal ?? code})`)),
    );
  });
}

const logToStderr = (line) => process.stderr.write(`${line}\n`);

/**
 * Runs a step if it must; stamps it only when every command of it succeeded. `signal` aborts it;
 * `isBackground` runs its commands at the lowest CPU priority.
 */
export async function buildStep(name, { log = logToStderr, signal, isBackground = false } = {}) {
  const plan = await planOf(name);
  if (!plan.reason) {
    log(`build ${name}: up to date`);
    return;
  }
  log(`build ${name}: ${plan.reason}; building`);
  await STEPS[name].beforeRebuild?.(plan.areOutputsMissing);
  await rm(path.join(STAMPS, name), { force: true });
  for (const command of STEPS[name].commands) await run(command, { signal, isBackground });
  await mkdir(STAMPS, { recursive: true });
  await writeFile(path.join(STAMPS, name), plan.hash);
}

async function main() {
  const args = process.argv.slice(2);
  const names = args.filter((arg) => !arg.startsWith('--'));
  const chosen = names.length > 0 ? names : Object.keys(STEPS);
  const unknown = chosen.filter((name) => !(name in STEPS));
  if (unknown.length > 0)
    throw new Error(`No build step named ${unknown.join(', ')}; steps: ${Object.keys(STEPS).join(', ')}`);
  if (args.includes('--dry-run')) {
    for (const name of chosen) {
      const { reason } = await planOf(name);
      process.stdout.write(`${name}: ${reason ? `would build (${reason})` : 'up to date'}\n`);
    }
    return;
  }
  // The two steps use a core each.
  const results = await Promise.allSettled(chosen.map((name) => buildStep(name)));
  const failed = results.filter((result) => result.status === 'rejected');
  for (const failure of failed) process.stderr.write(`${failure.reason.message}\n`);
  if (failed.length > 0) process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
