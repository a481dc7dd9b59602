import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { startReplicaOf, type ReplicaServer } from '../../bench/streaming-replica.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.launcher.js';
import { testDataDir } from './service-process.js';

/**
 * A real primary (an embedded cluster of its own) and a streaming replica made from it by the test
 * itself (bench/streaming-replica.ts: the low-level base backup API, no pg_basebackup needed).
 */
export interface StreamingReplica {
  /** The registry database on the primary. */
  primaryUrl: string;
  /** The same database on the replica. */
  replicaUrl: string;
  /** A query on the replica's registry database (its own statistics, replay control). */
  onReplica<Row = Record<string, unknown>>(sql: string): Promise<Row[]>;
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  close(): Promise<void>;
}

export async function startStreamingReplica(): Promise<StreamingReplica> {
  const base = testDataDir(`replication-${randomBytes(4).toString('hex')}`);
  await mkdir(base, { recursive: true, mode: 0o755 });
  const primary = await startEmbeddedPostgres({
    dataDir: path.join(base, 'primary'),
    isDataDirExplicit: false,
    isThrowaway: true,
  });
  let replica: ReplicaServer;
  try {
    replica = await startReplicaOf({
      databaseUrl: primary.url,
      primaryClusterDir: primary.clusterDir!,
      dir: path.join(base, 'replica'),
      slot: 'registry_test_replica',
    });
  } catch (error) {
    await primary.stop();
    throw error;
  }
  return {
    primaryUrl: primary.url,
    replicaUrl: replica.url,
    async onReplica<Row>(sql: string) {
      const client = new pg.Client({ connectionString: replica.url });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Row[];
      } finally {
        await client.end();
      }
    },
    stopReplica: () => replica.stop(),
    startReplica: () => replica.start(),
    async close() {
      await replica.remove();
      await primary.stop();
      await rm(base, { recursive: true, force: true });
    },
  };
}
