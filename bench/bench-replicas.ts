import path from 'node:path';
import pg from 'pg';
import type { DatabaseHandle } from '../src/database/embedded-postgres.launcher.js';
import { startReplicaOf, type ReplicaServer } from './streaming-replica.js';
import { projectRoot } from './systems.js';

/**
 * `--replicas N`: streaming replicas of the bench's embedded cluster (.data/bench-replica-<n>), made
 * afresh each run and removed after it, each caught up with the primary before anything is timed.
 * A BENCH_DATABASE_URL server is not ours to copy: its replicas come from BENCH_REPLICA_URLS instead.
 */
export async function startBenchReplicas(
  count: number,
  database: DatabaseHandle,
  log: (message: string) => void,
): Promise<ReplicaServer[]> {
  if (count === 0) return [];
  const given = (process.env.BENCH_REPLICA_URLS ?? '').split(',').filter(Boolean);
  if (!database.clusterDir) {
    if (given.length < count) throw new Error(`--replicas ${count} with BENCH_DATABASE_URL needs BENCH_REPLICA_URLS`);
    return given
      .slice(0, count)
      .map((url) => ({ url, start: async () => {}, stop: async () => {}, remove: async () => {} }));
  }
  const replicas: ReplicaServer[] = [];
  for (let index = 0; index < count; index += 1) {
    log(`making streaming replica ${index + 1} of the bench database (a base backup of the cluster)`);
    const dir = path.join(projectRoot(), '.data', `bench-replica-${index + 1}`);
    replicas.push(
      await startReplicaOf({
        databaseUrl: database.url,
        primaryClusterDir: database.clusterDir,
        dir,
        slot: `bench_replica_${index + 1}`,
      }),
    );
  }
  await caughtUp(database.url, replicas);
  return replicas;
}

/** Until every replica has replayed what the primary has written now. */
async function caughtUp(primaryUrl: string, replicas: ReplicaServer[]): Promise<void> {
  const position = async (url: string, sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ at: string }>(sql)).rows[0]!.at;
    } finally {
      await client.end();
    }
  };
  const target = await position(primaryUrl, `SELECT pg_current_wal_lsn()::text AS at`);
  for (const replica of replicas) {
    for (let attempt = 0; ; attempt += 1) {
      const replayed = await position(
        replica.url,
        `SELECT (pg_last_wal_replay_lsn() >= '${target}'::pg_lsn)::text AS at`,
      );
      if (replayed === 'true') break;
      if (attempt > 600) throw new Error(`replica ${replica.url} did not catch up with the primary`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
