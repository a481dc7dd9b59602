import { openBenchDatabase, ensureDataset } from './bench-database.js';
import { parseBenchOptions, USAGE } from './bench-options.js';
import { planDataset } from './dataset-plan.js';

/** `npm run bench:data -- --scale N`: only the dataset, for a database to explore or reuse. */
async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const log = (message: string) => process.stderr.write(`[bench:data] ${message}\n`);
  const database = await openBenchDatabase(options.scale, log);
  try {
    const counts = await ensureDataset(database.url, planDataset(options.scale), options.isRegenerating, log);
    if (counts === null) log(`the dataset of scale ${options.scale} is already loaded (--regenerate reloads it)`);
    log(`database: ${database.url.replace(/:[^:@/]+@/, ':***@')}`);
  } finally {
    await database.stop();
  }
}

// Ctrl-C or a kill: exit through 'exit', whose handlers stop the servers and PostgreSQL we started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
  process.exit(1);
});
