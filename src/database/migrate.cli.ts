import 'reflect-metadata';
// An entry point is a composition root wherever it lives: it may name the registry's migrations.
import { withRegistryDatabase } from '../registry-database.js';
import { exitOnFailure } from './cli-database.js';
import { migrate } from './migrate.js';

/**
 * `npm run migration:run` applies pending migrations (the service also does at start-up);
 * `npm run migration:revert` undoes the last one.
 */
async function main(): Promise<void> {
  const [command] = process.argv.slice(2);
  if (command !== 'run' && command !== 'revert') {
    process.stdout.write('Usage: node dist/src/database/migrate.cli.js run|revert\n');
    process.exit(2);
  }
  await withRegistryDatabase(
    async (dataSource) => {
      if (command === 'revert') {
        const [last] = await dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`).catch(() => []);
        if (!last) {
          process.stdout.write('No migration to revert.\n');
          return;
        }
        await dataSource.undoLastMigration({ transaction: 'each' });
        process.stdout.write(`Reverted ${last.name}.\n`);
      } else {
        await migrate(dataSource);
        const applied: Array<{ name: string }> = await dataSource.query(`SELECT name FROM migrations ORDER BY id`);
        process.stdout.write(`Migrations applied: ${applied.map((row) => row.name).join(', ')}\n`);
      }
    },
    { isMigrating: false },
  );
}

main().catch(exitOnFailure);
