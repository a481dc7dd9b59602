import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OperationName, SystemName } from './bench-options.js';
import type { LoadResult } from './load-run.js';

export interface RunMeasurement extends LoadResult {
  system: SystemName;
  operation: OperationName;
  connections: number;
  /** RSS of the server process right after the run, and its peak since it started (MiB). */
  rssMb: number | null;
  peakRssMb: number | null;
  /** The machine's 1-minute load average when the run began: above the core count, others competed. */
  loadAverage: number;
  /** CPU time per completed request: the server process, and the PostgreSQL backends serving it. */
  serverCpuMsPerRequest: number;
  databaseCpuMsPerRequest: number;
}

/**
 * ours / other in req/s, over all connection counts of the operation (null when a side is missing):
 * with the response cache on (`ours`) and off (`ours-uncached`), so neither path regresses unseen.
 */
export interface RatioLine {
  operation: OperationName;
  oursToPostgraphile: number | null;
  oursToBare: number | null;
  uncachedToPostgraphile: number | null;
  uncachedToBare: number | null;
}

export function ratiosOf(runs: RunMeasurement[], operations: OperationName[]): RatioLine[] {
  const throughput = (operation: OperationName, system: SystemName) => {
    const matching = runs.filter((run) => run.operation === operation && run.system === system);
    return matching.length ? matching.reduce((sum, run) => sum + run.requestsPerSecond, 0) / matching.length : null;
  };
  const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? a / b : null);
  return operations.map((operation) => {
    const ours = throughput(operation, 'ours');
    const uncached = throughput(operation, 'ours-uncached');
    const postgraphile = throughput(operation, 'postgraphile');
    const bare = throughput(operation, 'bare');
    return {
      operation,
      oursToPostgraphile: ratio(ours, postgraphile),
      oursToBare: ratio(ours, bare),
      uncachedToPostgraphile: ratio(uncached, postgraphile),
      uncachedToBare: ratio(uncached, bare),
    };
  });
}

function pad(text: string, width: number, isRight = false): string {
  return isRight ? text.padStart(width) : text.padEnd(width);
}

export function formatTable(runs: RunMeasurement[]): string {
  const header = [
    'operation',
    'conns',
    'system',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'RSS MiB',
    'peak MiB',
    'cpu ms/req srv',
    'db',
    'load',
  ];
  const widths = [16, 6, 13, 8, 7, 7, 7, 8, 9, 15, 5, 5];
  const sorted = [...runs].sort(
    (a, b) =>
      a.operation.localeCompare(b.operation) || a.connections - b.connections || a.system.localeCompare(b.system),
  );
  const line = (cells: string[]) => cells.map((cell, i) => pad(cell, widths[i]!, i >= 3)).join(' ');
  return [
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...sorted.map((run) =>
      line([
        run.operation,
        String(run.connections),
        run.system,
        run.requestsPerSecond.toFixed(0),
        run.p50Ms.toFixed(1),
        run.p99Ms.toFixed(1),
        run.errors === 0
          ? '0'
          : `${run.errors} (${run.non2xx} non2xx, ${run.graphqlErrors} gql, ${run.socketErrors} sock)`,
        String(run.rssMb ?? '?'),
        String(run.peakRssMb ?? '?'),
        run.serverCpuMsPerRequest.toFixed(2),
        run.databaseCpuMsPerRequest.toFixed(2),
        run.loadAverage.toFixed(1),
      ]),
    ),
  ].join('\n');
}

/** `ratio <op> <ours/pg> <ours/bare>` then `ratio-uncached <op> <ours/pg> <ours/bare>` lines. */
export function formatRatios(ratios: RatioLine[]): string {
  const show = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
  return [
    ...ratios.map((line) => `ratio ${line.operation} ${show(line.oursToPostgraphile)} ${show(line.oursToBare)}`),
    ...ratios.map(
      (line) => `ratio-uncached ${line.operation} ${show(line.uncachedToPostgraphile)} ${show(line.uncachedToBare)}`,
    ),
  ].join('\n');
}

/** bench/results/<time>-scale-<scale>.json (git-ignored). Returns the path written. */
export async function writeResults(root: string, report: { scale: number } & Record<string, unknown>): Promise<string> {
  const folder = path.join(root, 'bench', 'results');
  await mkdir(folder, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(folder, `${stamp}-scale-${report.scale}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
