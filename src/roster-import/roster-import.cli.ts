import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { withCliApplication } from '../cli-application.js';
import { exitOnFailure } from '../database/cli-database.js';
import { parseRosterFile } from './roster-file.js';
import { RosterImportModule } from './roster-import.module.js';
import { RosterImportService } from './roster-import.service.js';

const USAGE = `Usage: npm run import -- FILE --key-name NAME [--coalition SLUG] [--dry-run]
  FILE is CSV (header: participant,status,date,source_url,source_title,note) or a JSON array of
  {participant, status, date, sourceUrl, sourceTitle, note}. Every row is checked first; then all
  are applied in one transaction, or none. Exit code 0 when applied (or a clean dry run), 1 otherwise.`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'key-name': { type: 'string' },
      coalition: { type: 'string', default: 'synthetic-drug-threats' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [file] = positionals;
  if (values.help || !file || !values['key-name']) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const rows = parseRosterFile(file, await readFile(file, 'utf8'));
  const report = await withCliApplication([RosterImportModule], (app) =>
    app.get(RosterImportService).importRoster({
      coalition: values.coalition!,
      rows,
      keyName: values['key-name']!,
      isDryRun: values['dry-run']!,
    }),
  );
  for (const problem of report.problems) process.stdout.write(`line ${problem.line}: ${problem.message}\n`);
  const counts = `${report.created} new, ${report.changed} changed, ${report.unchanged} unchanged`;
  if (report.problems.length > 0) {
    process.stdout.write(`${report.problems.length} bad row(s) in ${rows.length}: nothing was applied.\n`);
    process.exit(1);
  }
  process.stdout.write(report.isDryRun ? `Dry run, nothing applied: would be ${counts}.\n` : `Applied: ${counts}.\n`);
}

main().catch(exitOnFailure);
