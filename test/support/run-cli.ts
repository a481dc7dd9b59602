import { spawn } from 'node:child_process';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the project's built command-line tools (dist/, built by pretest) against `databaseUrl`,
 * or against whatever `env` names (e.g. a DATA_DIR with an embedded PostgreSQL).
 */
export function runCli(script: string, args: string[], database: string | Record<string, string>): Promise<CliResult> {
  const env = typeof database === 'string' ? { DATABASE_URL: database } : database;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
