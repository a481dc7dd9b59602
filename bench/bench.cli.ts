import { ensureDataset, openBenchDatabase } from './bench-database.js';
import { parseBenchOptions, USAGE } from './bench-options.js';
import { planDataset } from './dataset-plan.js';
import { formatRatios, formatTable, writeResults } from './results-report.js';
import { runBench } from './run-bench.js';
import { startBenchReplicas } from './bench-replicas.js';
import type { ReplicaServer } from './streaming-replica.js';
import { projectRoot } from './systems.js';

/**
 * `npm run bench -- --scale 0.1 --duration 5`: loads the dataset if needed, then times our service,
 * PostGraphile 5 and the bare pg floor on the same four questions, and prints the table and ratios.
 * `--replicas 1` also starts a streaming replica of the bench database and times our service reading from it.
 */
async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  const database = await openBenchDatabase(options.scale, log);
  let replicas: ReplicaServer[] = [];
  try {
    await ensureDataset(database.url, planDataset(options.scale), options.isRegenerating, log);
    replicas = await startBenchReplicas(options.replicas, database, log);
    const report = await runBench(
      options,
      database.url,
      log,
      replicas.map((replica) => replica.url),
    );
    process.stdout.write(`\n${formatTable(report.runs)}\n\n${formatRatios(report.ratios)}\n`);
    const file = await writeResults(projectRoot(), { ...report });
    log(`results written to ${file}`);
  } finally {
    for (const replica of replicas) await replica.remove();
    await database.stop();
  }
}

// Ctrl-C or a kill: exit through 'exit', whose handlers stop the servers and PostgreSQL we started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\n${USAGE}\n`,
    );
    process.exit(1);
  },
);
