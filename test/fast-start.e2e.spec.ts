import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `npm start` and `npm run build` rebuild only what changed (scripts/build.mjs), and never leave a stale
 * dist: checked on a copy of the project (its sources and the dist `npm test` just built; node_modules
 * linked), which the test leaves alone, changes and partly deletes.
 */
const project = process.cwd();
const copy = mkdtempSync(path.join(tmpdir(), 'fast-start-'));
const SOURCES = ['src', 'migrations', 'bench', 'web', 'scripts'];
const FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

beforeAll(() => {
  for (const entry of [...SOURCES, ...FILES])
    cpSync(path.join(project, entry), path.join(copy, entry), { recursive: true });
  cpSync(path.join(project, 'dist'), path.join(copy, 'dist'), { recursive: true });
  symlinkSync(path.join(project, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function build(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/build.mjs', ...args], {
      cwd: copy,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const inCopy = (file: string) => path.join(copy, file);
function edit(file: string, from: string, to: string): void {
  const text = readFileSync(inCopy(file), 'utf8');
  expect(text).toContain(from);
  writeFileSync(inCopy(file), text.replace(from, to));
}

it('finds the dist npm test built up to date, and builds nothing on an unchanged tree', async () => {
  expect((await build('--dry-run')).output).toBe('server: up to date\nweb: up to date\n');
  const mainBefore = statSync(inCopy('dist/src/main.js')).mtimeMs;
  const pageBefore = statSync(inCopy('dist/web/index.html')).mtimeMs;
  const unchanged = await build();
  expect(unchanged.code).toBe(0);
  expect(unchanged.output).toMatch(/build server: up to date/);
  expect(unchanged.output).toMatch(/build web: up to date/);
  expect(statSync(inCopy('dist/src/main.js')).mtimeMs).toBe(mainBefore);
  expect(statSync(inCopy('dist/web/index.html')).mtimeMs).toBe(pageBefore);
});

it('rebuilds the server when a source changes, and the built service has the change', async () => {
  edit('src/config/app-config.ts', "integer(env, 'PORT', 3000,", "integer(env, 'PORT', 3123,");
  // A server source is no input of the web pages.
  expect((await build('--dry-run')).output).toBe('server: would build (sources changed)\nweb: up to date\n');
  const rebuilt = await build('server');
  expect(rebuilt.code).toBe(0);
  expect(rebuilt.output).toMatch(/build server: sources changed; building/);
  expect(readFileSync(inCopy('dist/src/config/app-config.js'), 'utf8')).toContain("integer(env, 'PORT', 3123,");
  expect((await build('--dry-run', 'server')).output).toBe('server: up to date\n');
}, 120_000);

it('rebuilds a server output that went missing, even though nothing changed', async () => {
  rmSync(inCopy('dist/src/common/pagination.js'));
  expect((await build('--dry-run', 'server')).output).toMatch(/^server: would build \(1 output\(s\) missing/);
  expect((await build('server')).code).toBe(0);
  expect(existsSync(inCopy('dist/src/common/pagination.js'))).toBe(true);
}, 120_000);

it('plans the web pages again when web/ or the dependencies change', async () => {
  edit('web/index.html', '</head>', '<meta name="x-test" content="changed" /></head>');
  expect((await build('--dry-run', 'web')).output).toBe('web: would build (sources changed)\n');
  writeFileSync(inCopy('web/index.html'), readFileSync(path.join(project, 'web/index.html')));
  expect((await build('--dry-run', 'web')).output).toBe('web: up to date\n');
  edit('package-lock.json', '"lockfileVersion"', '"lockfileVersion" ');
  expect((await build('--dry-run')).output).toBe(
    'server: would build (sources changed)\nweb: would build (sources changed)\n',
  );
});
