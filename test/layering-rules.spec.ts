import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `npm run lint` runs the layering rules of .dependency-cruiser.mjs over src/. These tests run the
 * same rules, with the same tool, over a small tree of its own, once clean and once with each kind
 * of forbidden import added: each must fail, naming its rule.
 */
const CONFIG = path.resolve('.dependency-cruiser.mjs');
const DEPCRUISE = path.resolve('node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** A house in miniature that keeps every rule: infrastructure, two features, a ledger, a composition root. */
const CLEAN_TREE: Record<string, string> = {
  'src/common/domain-errors.ts': `export class DomainError extends Error {}\n`,
  'src/database/prepared-read.ts': `import { DomainError } from '../common/domain-errors.js';\nexport const read = () => new DomainError();\n`,
  'src/memberships/membership.repository.ts': `import { read } from '../database/prepared-read.js';\nexport const rows = () => read();\n`,
  'src/memberships/membership-ledger.repository.ts': `export const insert = () => 'INSERT INTO membership';\n`,
  'src/memberships/membership-ledger.ts': `import { insert } from './membership-ledger.repository.js';\nexport const record = () => insert();\n`,
  'src/memberships/memberships.service.ts': `import { rows } from './membership.repository.js';\nexport const find = () => rows();\n`,
  'src/roster-import/roster-import.service.ts': `import { record } from '../memberships/membership-ledger.js';\nimport { find } from '../memberships/memberships.service.js';\nexport const run = () => [record(), find()];\n`,
  'src/app.module.ts': `import { run } from './roster-import/roster-import.service.js';\nexport const app = run;\n`,
};

let folder: string;

function cruise(extra: Record<string, string> = {}): { code: number | null; output: string } {
  const tree = mkdtempSync(path.join(folder, 'tree-'));
  writeFileSync(
    path.join(tree, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true } }),
  );
  for (const [file, text] of Object.entries({ ...CLEAN_TREE, ...extra })) {
    mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
    writeFileSync(path.join(tree, file), text);
  }
  const result = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG], {
    cwd: tree,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'layering-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the layering rules of npm run lint', () => {
  it('pass a tree that keeps them (so the failures below are the rules, not the set-up)', () => {
    const { code, output } = cruise();
    expect(output).toMatch(/no dependency violations found \(8 modules/);
    expect(code).toBe(0);
  });

  it.each([
    [
      'database/ importing a feature',
      {
        'src/database/pool.ts': `import { find } from '../memberships/memberships.service.js';\nexport const p = find;\n`,
      },
      'infrastructure-imports-no-feature',
    ],
    [
      'common/ importing the composition root',
      { 'src/common/wiring.ts': `import { app } from '../app.module.js';\nexport const w = app;\n` },
      'infrastructure-imports-no-feature',
    ],
    [
      'a feature importing the composition root',
      { 'src/memberships/uses-app.ts': `import { app } from '../app.module.js';\nexport const u = app;\n` },
      'features-do-not-import-the-composition-root',
    ],
    [
      "a feature importing another feature's repository",
      {
        'src/roster-import/reads-memberships.ts': `import { rows } from '../memberships/membership.repository.js';\nexport const r = rows;\n`,
      },
      'no-foreign-repository',
    ],
    [
      "a file other than the ledger importing the ledger's SQL",
      {
        'src/memberships/memberships-writer.ts': `import { insert } from './membership-ledger.repository.js';\nexport const w = insert;\n`,
      },
      'only-the-membership-ledger-writes-memberships',
    ],
    [
      'two files importing each other',
      {
        'src/memberships/a.ts': `import { b } from './b.js';\nexport const a = () => b;\n`,
        'src/memberships/b.ts': `import { a } from './a.js';\nexport const b = () => a;\n`,
      },
      'no-circular',
    ],
    [
      'two feature folders depending on each other',
      {
        'src/memberships/uses-import.ts': `import { run } from '../roster-import/roster-import.service.js';\nexport const u = run;\n`,
      },
      'no-circular-features',
    ],
  ])('fail on %s', (_name, extra, rule) => {
    const { code, output } = cruise(extra);
    expect(output).toContain(`error ${rule}:`);
    expect(code).not.toBe(0);
  });
});
