import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '../src/common/free-port.js';

/**
 * A server under test, run as a process of its own and stopped by us: started on a free port of
 * 127.0.0.1, awaited until it answers HTTP (bounded in time), measured (RSS), and stopped with
 * SIGTERM (then SIGKILL after a grace period). Children still alive when the bench exits are killed.
 */
export interface ServerProcess {
  name: string;
  port: number;
  pid: number;
  /** Resident memory now, and its peak since start, in MiB (Linux /proc). */
  memory(): { rssMb: number; peakRssMb: number } | null;
  /** Null while it runs; once it died, how and its last output. */
  death(): string | null;
  /** SIGTERM (SIGKILL after a grace period); resolves with the exit code, null when a signal ended it. */
  stop(): Promise<number | null>;
}

export interface ServerCommand {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 15_000;
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function readMemory(pid: number): { rssMb: number; peakRssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: Math.round(kib('VmRSS') / 1024), peakRssMb: Math.round(kib('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

/** True once anything answers HTTP on the port (any status: the server is listening). */
async function answers(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

export async function startServerProcess(spec: ServerCommand): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exitCode: number | null | undefined;
  let exitSignal: string | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code;
      exitSignal = signal;
      running.delete(child);
      resolve();
    }),
  );

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(port))) {
    if (exitCode !== undefined) throw new Error(`${spec.name} exited (code ${exitCode}) before serving:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${spec.name} did not answer on port ${port} within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    name: spec.name,
    port,
    pid: child.pid!,
    memory: () => readMemory(child.pid!),
    death: () =>
      exitCode === undefined ? null : `${spec.name} exited (code ${exitCode}, signal ${exitSignal}):\n${output}`,
    async stop() {
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      return exitCode ?? null;
    },
  };
}
