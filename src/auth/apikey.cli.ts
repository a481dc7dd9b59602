import 'reflect-metadata';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { systemActor } from '../audit/actor.js';
import { withCliApplication } from '../cli-application.js';
import { exitOnFailure } from '../database/cli-database.js';
import { ApiKeysService } from './api-keys.service.js';

const USAGE = `Usage:
  npm run apikey -- create --role admin|viewer --name NAME   prints the new key as the last line, once
  npm run apikey -- list                                     names, roles, dates; never the keys
  npm run apikey -- revoke --name NAME`;

/** Whoever runs the CLI at this machine's shell: the audit log's "who" for keys made or revoked here. */
function operator() {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No entry in the password database (a container's arbitrary uid): the audit entry says "unknown".
  }
  return systemActor(`cli:${user}`);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command] = positionals;
  if (values.help || !command || !['create', 'list', 'revoke'].includes(command)) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  await withCliApplication([], async (app) => {
    const keys = app.get(ApiKeysService);
    if (command === 'create') {
      if (!values.name || !values.role) throw new Error(`create needs --name and --role\n${USAGE}`);
      const { key, record } = await keys.create(values.name, values.role, operator());
      process.stdout.write(
        `Created ${record.role.toLowerCase()} key "${record.name}". Store it now: it is not shown again.\n`,
      );
      process.stdout.write(`${key}\n`);
    } else if (command === 'list') {
      for (const record of await keys.list()) {
        const state = record.revokedAt ? `revoked ${record.revokedAt.toISOString()}` : 'active';
        process.stdout.write(`${record.name}\t${record.role}\tcreated ${record.createdAt.toISOString()}\t${state}\n`);
      }
    } else {
      if (!values.name) throw new Error(`revoke needs --name\n${USAGE}`);
      const record = await keys.revoke(values.name, operator());
      process.stdout.write(`Revoked key "${record.name}".\n`);
    }
  });
}

main().catch(exitOnFailure);
