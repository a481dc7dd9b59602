// The persisted query manifest (Apollo's format): every operation the dashboard (its live subscription
// included), the console and the sign-in send and every example the explorer opens with, by the SHA-256
// of its text. The service reads it under PERSISTED_QUERIES_ONLY=true (src/persisted-queries/) and runs
// nothing else, over HTTP and over the live socket alike. Run by
// `npm run build` after the web pages' build.
//
//   node scripts/persisted-queries.mjs [output file]   (default dist/web/persisted-queries.json)
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A web module that imports nothing at run time, compiled and loaded on its own. */
async function load(file) {
  const source = await readFile(path.join(root, file), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
}

const nameOf = (body) => /\b(query|mutation|subscription)\s+(\w+)/.exec(body.replace(/#.*$/gm, ''));

export async function manifest() {
  const { DASHBOARD_OPERATIONS, DASHBOARD_SUBSCRIPTIONS } = await load('web/dashboard/registry-operations.ts');
  const { CONSOLE_QUERIES, CONSOLE_MUTATIONS } = await load('web/admin/console-operations.ts');
  const { SESSION_OPERATIONS } = await load('web/session/session-operations.ts');
  const { EXAMPLE_OPERATIONS } = await load('web/explorer/example-operations.ts');
  const bodies = [
    ...Object.values(DASHBOARD_OPERATIONS),
    ...Object.values(DASHBOARD_SUBSCRIPTIONS),
    ...Object.values(CONSOLE_QUERIES),
    ...Object.values(CONSOLE_MUTATIONS),
    ...Object.values(SESSION_OPERATIONS),
    ...EXAMPLE_OPERATIONS.map((tab) => tab.query),
  ];
  const operations = bodies.map((body) => {
    const [, type, name] = nameOf(body) ?? [undefined, 'query', ''];
    return { id: createHash('sha256').update(body).digest('hex'), name, type, body };
  });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const output = path.resolve(root, process.argv[2] ?? 'dist/web/persisted-queries.json');
  await mkdir(path.dirname(output), { recursive: true });
  const written = await manifest();
  await writeFile(output, `${JSON.stringify(written, null, 2)}\n`);
}
