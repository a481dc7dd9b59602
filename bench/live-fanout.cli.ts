import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmbeddedPostgres, type DatabaseHandle } from '../src/database/embedded-postgres.launcher.js';
import { positiveNumberOption } from './cli-arguments.js';
import { reportFanout, type MemoryReadings, type TimedWrite } from './live-fanout-report.js';
import { openSubscribers, type Subscribers } from './live-subscribers.js';
import { startRegistryForLoad } from './registry-service.js';
import type { ServerProcess } from './server-process.js';
import { heapUsedBytes } from './service-heap.js';

/**
 * `npm run bench:live -- [--subscribers 1000] [--seconds 60]`: the built service on a throwaway
 * embedded PostgreSQL (or on DATABASE_URL when it is set: the run then writes its commitments there),
 * that many graphql-ws subscribers of `registryChanged` on it, all from 127.0.0.1, and one admin write
 * a second through the GraphQL API. Prints whether every subscriber heard every write, the fan-out
 * latency and the memory a connection costs; exits 1 when a message or a subscriber was lost.
 */
const SLUG = 'synthetic-drug-threats';
const log = (message: string) => process.stderr.write(`[bench:live] ${message}\n`);
const RECORD_COMMITMENT = `mutation ($title: String!) { recordCommitment(input: { coalition: "${SLUG}", participant: "US",
  title: $title, madeOn: "2024-01-01", source: { url: "https://example.org/live-fanout", title: "Live fan-out bench" } }) { id } }`;
/** How long the last change may take to reach every subscriber before the missing ones count as lost. */
const DRAIN_MS = 10_000;

async function openDatabase(): Promise<DatabaseHandle & { dataDir?: string }> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, stop: async () => {} };
  const dataDir = path.resolve('.data', `live-fanout-${process.pid}`);
  const database = await startEmbeddedPostgres({ dataDir, isDataDirExplicit: false, isThrowaway: true, log });
  return { ...database, dataDir };
}

/** One write through the API, timed: a commitment of its own, so its id tells its change apart. */
async function recordCommitment(baseUrl: string, adminKey: string, title: string): Promise<TimedWrite> {
  const sentAt = performance.now();
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({ query: RECORD_COMMITMENT, variables: { title } }),
  });
  const acknowledgedAt = performance.now();
  const body = (await response.json()) as { data?: { recordCommitment: { id: string } }; errors?: unknown };
  if (!body.data) throw new Error(`the write was refused: ${JSON.stringify(body.errors)}`);
  return { id: body.data.recordCommitment.id, sentAt, acknowledgedAt };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Writes until one reaches every subscriber: then every subscription is running on the server. */
async function warmUp(baseUrl: string, adminKey: string, subscribers: Subscribers): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const write = await recordCommitment(baseUrl, adminKey, `Live fan-out warm-up ${attempt}`);
    try {
      return await subscribers.allReceived(write.id, 5000);
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

async function memoryOf(service: ServerProcess, baseUrl: string): Promise<{ rss: number; heap: number }> {
  await pause(2000);
  return { rss: (service.memory()?.rssMb ?? NaN) * 1024 * 1024, heap: await heapUsedBytes(baseUrl) };
}

async function main(): Promise<boolean> {
  const subscriberCount = positiveNumberOption('subscribers', 1000);
  const seconds = positiveNumberOption('seconds', 60);
  const database = await openDatabase();
  let service: ServerProcess | undefined;
  let subscribers: Subscribers | undefined;
  try {
    const running = await startRegistryForLoad(database.url, 'live-fanout', {
      // Every subscriber comes from 127.0.0.1.
      LIVE_MAX_CONNECTIONS_PER_IP: String(subscriberCount + 10),
    });
    service = running.service;
    const { baseUrl, adminKey } = running;
    const loadBefore = os.loadavg();
    const before = await memoryOf(service, baseUrl);

    log(`opening ${subscriberCount} subscribers`);
    subscribers = await openSubscribers(`ws://127.0.0.1:${service.port}/graphql`, SLUG, subscriberCount);
    await warmUp(baseUrl, adminKey, subscribers);
    const withSubscribers = await memoryOf(service, baseUrl);
    const memory: MemoryReadings = {
      rssBefore: before.rss,
      rssWith: withSubscribers.rss,
      heapBefore: before.heap,
      heapWith: withSubscribers.heap,
    };

    log(`writing once a second for ${seconds} s`);
    const writes: TimedWrite[] = [];
    const start = performance.now();
    for (let second = 0; second < seconds; second += 1) {
      await pause(start + second * 1000 - performance.now());
      writes.push(await recordCommitment(baseUrl, adminKey, `Live fan-out ${second + 1}`));
    }
    await subscribers.allReceived(writes.at(-1)!.id, DRAIN_MS).catch(() => log('some messages never arrived'));

    const report = reportFanout(writes, subscribers.receipts, memory, loadBefore);
    const failures = [...subscribers.failures];
    const lines = [
      ...report.lines,
      `subscribers cut off or failed: ${failures.length}${failures.length ? ` (first: ${failures[0]![1]})` : ''}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return report.delivered === report.expected && failures.length === 0;
  } finally {
    await subscribers?.dispose();
    await service?.stop();
    await database.stop();
    if (database.dataDir) rmSync(database.dataDir, { recursive: true, force: true });
  }
}

main().then(
  (isComplete) => process.exit(isComplete ? 0 : 1),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
