import { runCli } from './support/run-cli.js';
import { createTestDatabase } from './support/test-app.js';

/**
 * The live-updates load test (`npm run bench:live`) run tiny, so it cannot rot: its own service on a
 * database of this suite, 20 subscribers, a write a second for 3 seconds.
 */
let database: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

it('delivers every write to every subscriber, and reports the latency and the memory a connection costs', async () => {
  const run = await runCli('dist/bench/live-fanout.cli.js', ['--subscribers', '20', '--seconds', '3'], database.url);
  expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(run.stdout).toContain('live fan-out: 20 subscribers on one instance, 3 writes');
  expect(run.stdout).toContain('delivered: 60 of 60 messages (0 missing)');
  expect(run.stdout).toContain('subscribers cut off or failed: 0');
  expect(run.stdout).toMatch(/latency ms, write acknowledged -> subscriber: p50 -?[\d.]+, p90 -?[\d.]+, p99 -?[\d.]+/);
  expect(run.stdout).toMatch(
    /service RSS MiB: [\d.]+ without subscribers, [\d.]+ with them: -?[\d.]+ KiB a connection/,
  );
}, 240_000);
