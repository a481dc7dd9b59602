import { readFileSync } from 'node:fs';
import type pg from 'pg';

/**
 * Where a request's CPU goes: the server process itself, and the PostgreSQL backends serving the
 * bench database (its pool's connections). Read from /proc (Linux), in clock ticks of 10 ms.
 */
const TICK_MS = 10;

function ticksOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

export interface CpuSnapshot {
  server: number;
  backends: Map<number, number>;
}

async function backendPids(client: pg.ClientBase): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return rows.map((row) => row.pid);
}

export async function cpuSnapshot(serverPid: number, client: pg.ClientBase): Promise<CpuSnapshot> {
  const pids = await backendPids(client);
  return { server: ticksOf(serverPid), backends: new Map(pids.map((pid) => [pid, ticksOf(pid)])) };
}

/** CPU milliseconds per request of the server and of PostgreSQL between two snapshots. */
export function cpuPerRequest(
  before: CpuSnapshot,
  after: CpuSnapshot,
  requests: number,
): { serverMs: number; databaseMs: number } {
  let database = 0;
  // A backend that appeared during the run counts from zero; one that left is lost (pools keep theirs).
  for (const [pid, ticks] of after.backends) database += ticks - (before.backends.get(pid) ?? 0);
  const per = (ticks: number) => (requests > 0 ? (ticks * TICK_MS) / requests : 0);
  return { serverMs: per(after.server - before.server), databaseMs: per(database) };
}
