import os from 'node:os';
import pg from 'pg';
import { askOf, checkAnswers, prepareRequests, type AnswerMismatch } from './answer-check.js';
import type { BenchOptions, SystemName } from './bench-options.js';
import { cpuPerRequest, cpuSnapshot, type CpuSnapshot } from './cpu-usage.js';
import { readDatasetFacts } from './dataset-facts.js';
import { runLoad } from './load-run.js';
import { OPERATIONS } from './operations/index.js';
import type { Ask, PreparedRequest } from './operations/operation.js';
import { ratiosOf, type RatioLine, type RunMeasurement } from './results-report.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { serverCommand } from './systems.js';
import { installPostgraphileTimeline } from './timeline-rows.js';

export interface BenchReport {
  scale: number;
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  options: BenchOptions;
  mismatches: AnswerMismatch[];
  runs: RunMeasurement[];
  ratios: RatioLine[];
}

/** The order systems run in for the n-th (operation, connections) cell: rotated, so drift hits all alike. */
export function rotation<T>(items: readonly T[], n: number): T[] {
  const shift = n % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * Waits until the server has worked off what a closed run left queued: one more request, answered.
 * A server does not drop work for connections the client closed, and that backlog would be
 * charged to the next run.
 */
async function drained(server: ServerProcess, ask: Ask, request: PreparedRequest): Promise<void> {
  try {
    await ask(request);
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    throw new Error(
      `${server.name} stopped answering (${String(cause ?? error)}). ${server.death() ?? 'It still runs.'}`,
      {
        cause: error,
      },
    );
  }
}

/** One timed run: warm-up and the measured run on the same connections, its CPU and memory, then a drain. */
async function measure(
  server: ServerProcess,
  ask: Ask,
  requests: PreparedRequest[],
  connections: number,
  options: BenchOptions,
  monitor: pg.ClientBase,
): Promise<Omit<RunMeasurement, 'system' | 'operation' | 'connections'>> {
  const loadAverage = os.loadavg()[0]!;
  const measured: { from?: CpuSnapshot } = {};
  const result = await runLoad(server.port, requests, connections, options.duration, options.warmup, async () => {
    measured.from = await cpuSnapshot(server.pid, monitor);
  });
  const cpu = cpuPerRequest(measured.from!, await cpuSnapshot(server.pid, monitor), result.requests);
  // Requests autocannon gave up on at the end may still be in the server: let it finish them.
  await drained(server, ask, requests[0]!);
  const death = server.death();
  if (death) throw new Error(death);
  const memory = server.memory();
  return {
    ...result,
    rssMb: memory?.rssMb ?? null,
    peakRssMb: memory?.peakRssMb ?? null,
    loadAverage,
    serverCpuMsPerRequest: cpu.serverMs,
    databaseCpuMsPerRequest: cpu.databaseMs,
  };
}

/**
 * Starts every system on the database, checks they agree on a sample of each question, then times
 * each (operation, connections, system) for `duration` seconds after `warmup` seconds, and stops
 * them all (also on failure).
 */
export async function runBench(
  options: BenchOptions,
  databaseUrl: string,
  log: (message: string) => void,
  replicaUrls: string[] = [],
): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const facts = await readDatasetFacts(databaseUrl);
  log(
    `${facts.coalitions.length} coalitions, ${facts.participantCodes.length} members each, regions: ${facts.largeRegions.join(', ')}`,
  );
  const servers = new Map<SystemName, ServerProcess>();
  const monitor = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'coalition-registry-bench-monitor',
  });
  await monitor.connect();
  try {
    if (options.systems.includes('postgraphile')) await installPostgraphileTimeline(monitor);
    for (const system of options.systems) {
      log(`starting ${system}`);
      servers.set(system, await startServerProcess(serverCommand(system, databaseUrl, log, replicaUrls)));
    }
    const asks = new Map<SystemName, Ask>([...servers].map(([system, server]) => [system, askOf(server.port)]));

    const mismatches: AnswerMismatch[] = [];
    for (const name of options.operations) {
      const operation = OPERATIONS[name];
      mismatches.push(...(await checkAnswers(operation, operation.questions(facts), asks)));
    }
    for (const mismatch of mismatches) {
      log(
        `MISMATCH ${mismatch.operation} ${mismatch.systems.join(' vs ')} on ${JSON.stringify(mismatch.question).slice(0, 120)}: ${mismatch.detail}`,
      );
    }
    if (mismatches.length > 0 && !options.isCheckOptional) {
      throw new Error(`${mismatches.length} answers differ between systems (see above); --no-check measures anyway`);
    }
    log(
      `answers agree across ${options.systems.join(', ')}${mismatches.length ? ' (except the mismatches above)' : ''}`,
    );

    const runs: RunMeasurement[] = [];
    let cell = 0;
    for (const name of options.operations) {
      const operation = OPERATIONS[name];
      const questions = operation.questions(facts);
      const requests = new Map<SystemName, PreparedRequest[]>();
      for (const [system, ask] of asks) requests.set(system, await prepareRequests(operation, system, questions, ask));
      for (const connections of options.connections) {
        for (const system of rotation(options.systems, cell++)) {
          const run = await measure(
            servers.get(system)!,
            asks.get(system)!,
            requests.get(system)!,
            connections,
            options,
            monitor,
          );
          runs.push({ ...run, system, operation: name, connections });
          log(
            `${name} c=${connections} ${system}: ${run.requestsPerSecond.toFixed(0)} req/s, p99 ${run.p99Ms} ms, errors ${run.errors}`,
          );
        }
      }
    }
    return {
      scale: options.scale,
      startedAt,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '?',
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      options,
      mismatches,
      runs,
      ratios: ratiosOf(runs, options.operations),
    };
  } finally {
    for (const server of servers.values()) await server.stop();
    await monitor.end();
  }
}
