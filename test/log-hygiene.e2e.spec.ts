import { Writable } from 'node:stream';
import { DataSource, QueryFailedError } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.options.js';
import { REGISTRY_SCHEMA } from '../src/registry-database.js';
import { createLogger, JsonNestLogger } from '../src/observability/logger.js';
import { postGraphql, startServiceProcess } from './support/service-process.js';
import { createTestDatabase } from './support/test-app.js';

/**
 * The log says what went wrong without noise or row values: a caller's mistake is one `info` line
 * without a stack, and what a database error carries of the rows (its detail, where, parameters)
 * never reaches a line.
 */
let database: { url: string; drop(): Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

interface LogLine {
  level: string;
  msg?: string;
  stack?: unknown;
  err?: { stack?: unknown };
}

it("logs a caller's mistakes at info, one line each, without a stack", async () => {
  const service = await startServiceProcess({ DATABASE_URL: database.url, LOG_LEVEL: 'info' });
  let exitCode: number | null;
  try {
    const mistakes = [
      '{ participant(code: "!!") { code } }',
      '{ membership(coalition: "no-such-coalition", participant: "US") { status } }',
      'mutation { addParticipant(input: { kind: INTERNATIONAL_ORGANIZATION, code: "LOGS", name: "Logs" }) { code } }',
      '{ coalition(slug: "synthetic-drug-threats") { timeline(from: "2030-01-01", to: "2020-01-01") { end } } }',
      '{ noSuchField }',
      '{ unclosed',
    ];
    for (const query of mistakes) expect((await postGraphql(service.baseUrl, query)).errors).toBeDefined();
  } finally {
    exitCode = await service.stop();
  }
  expect(exitCode).toBe(0);
  const lines = service
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
  expect(lines.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
  expect(lines.filter((line) => line.stack !== undefined || line.err?.stack !== undefined)).toEqual([]);
  const reported = lines.filter((line) => line.level === 'info' && /^request \S+: [A-Z_]+: /.test(line.msg ?? ''));
  expect(reported.map((line) => line.msg!.split(': ')[1]).sort()).toEqual([
    'BAD_USER_INPUT',
    'BAD_USER_INPUT',
    'BAD_USER_INPUT',
    'BAD_USER_INPUT',
    'NOT_FOUND',
    'UNAUTHENTICATED',
  ]);
}, 120_000);

it("keeps a database error's detail, where and parameters (row values) out of the log", async () => {
  const dataSource = new DataSource(dataSourceOptions(database.url, REGISTRY_SCHEMA));
  await dataSource.initialize();
  let failure: unknown;
  try {
    await dataSource.query(`CREATE TEMP TABLE logged (code text UNIQUE)`);
    await dataSource
      .query(`INSERT INTO logged VALUES ($1), ($1)`, ['row-value-7f3a'])
      .catch((error) => (failure = error));
  } finally {
    await dataSource.destroy();
  }
  expect(failure).toBeInstanceOf(QueryFailedError);
  expect(((failure as QueryFailedError).driverError as { detail?: string }).detail).toContain('row-value-7f3a');

  let written = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  const logger = new JsonNestLogger(createLogger('info', sink));
  // As Nest's exception handler logs an error, and as the GraphQL error reporting does.
  logger.error(failure);
  logger.error({ requestId: 'r-1', err: failure, msg: 'request r-1: INTERNAL_SERVER_ERROR: Internal server error' });
  expect(written).toContain('duplicate key value violates unique constraint');
  expect(written).not.toContain('row-value-7f3a');
});
