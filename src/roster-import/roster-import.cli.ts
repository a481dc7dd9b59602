import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { APP_CONFIG, loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source.options.js';
import { exitOnFailure, withCliDatabase } from '../database/cli-database.js';
import { ResponseCacheModule } from '../response-cache/response-cache.module.js';
import { parseRosterFile } from './roster-file.js';
import { RosterImportModule } from './roster-import.module.js';
import { RosterImportService } from './roster-import.service.js';

const USAGE = `Usage: npm run import -- FILE --key-name NAME [--coalition SLUG] [--dry-run]
  FILE is CSV (header: participant,status,date,source_url,source_title,note) or a JSON array of
  {participant, status, date, sourceUrl, sourceTitle, note}. Every row is checked first; then all
  are applied in one transaction, or none. Exit code 0 when applied (or a clean dry run), 1 otherwise.`;

@Module({})
class RosterImportCliModule {
  static forDatabase(url: string): DynamicModule {
    const config = loadConfig();
    return {
      module: RosterImportCliModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(url, config.database)),
        ResponseCacheModule.forDatabase(url),
        AuthModule,
        AuditModule,
        RosterImportModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
      global: true,
    };
  }
}

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
  const report = await withCliDatabase(async (_dataSource, url) => {
    const context = await NestFactory.createApplicationContext(RosterImportCliModule.forDatabase(url), {
      logger: ['error'],
    });
    try {
      return await context.get(RosterImportService).importRoster({
        coalition: values.coalition!,
        rows,
        keyName: values['key-name']!,
        isDryRun: values['dry-run']!,
      });
    } finally {
      await context.close();
    }
  });
  for (const problem of report.problems) process.stdout.write(`line ${problem.line}: ${problem.message}\n`);
  const counts = `${report.created} new, ${report.changed} changed, ${report.unchanged} unchanged`;
  if (report.problems.length > 0) {
    process.stdout.write(`${report.problems.length} bad row(s) in ${rows.length}: nothing was applied.\n`);
    process.exit(1);
  }
  process.stdout.write(report.isDryRun ? `Dry run, nothing applied: would be ${counts}.\n` : `Applied: ${counts}.\n`);
}

main().catch(exitOnFailure);
