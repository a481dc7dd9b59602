import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../src/common/free-port.js';

/** The built service as its own process (`node dist/src/main.js`), as `npm start` runs it. */
export interface ServiceProcess {
  child: ChildProcess;
  baseUrl: string;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startServiceProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', NODE_OPTIONS: '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start in time:\n${output}`)), timeoutMs);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('coalition-registry serving')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', watch);
    child.stderr!.on('data', watch);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code} before serving:\n${output}`));
    });
  });
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

export async function postGraphql(baseUrl: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, any>; errors?: Array<{ extensions?: { code?: string } }> };
}

/**
 * A DATA_DIR for a service a test starts. As root, PostgreSQL runs as `postgres`, and a clone inside a
 * 0700 folder (as CI clones) is closed to that user: an explicit DATA_DIR there is refused by design,
 * so root tests keep their data under /var/tmp, which every user can enter.
 */
export function testDataDir(name: string): string {
  const base = process.getuid?.() === 0 ? path.join('/var/tmp', 'coalition-registry-tests') : path.resolve('.data');
  return path.join(base, `${name}-${process.pid}`);
}
