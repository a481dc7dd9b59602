import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { statementTimeouts } from '../database/data-source.options.js';
import {
  parseWalPosition,
  primaryPoolOf,
  routeReads,
  type ReadConsistency,
  type ReadRouter,
  type ReadTarget,
  type WalPosition,
} from '../database/read-routing.js';
import { RegistryChangesService } from '../response-cache/registry-changes.service.js';
import { lagOf, PrimaryPositions } from './replica-lag.js';

export type ReplicaState = 'up' | 'lagging' | 'down' | 'not a standby';

/** What /health/ready and the metrics say of one replica. */
export interface ReplicaReport {
  name: string;
  state: ReplicaState;
  /** Measured: how long ago the primary had written what this replica has not replayed yet. */
  lagMs: number | null;
  replayed: string | null;
  /** Reads sent to it since the service started. */
  reads: number;
  pool: { total: number; idle: number; waiting: number };
}

class Replica {
  state: ReplicaState = 'down';
  replayed: WalPosition = 0n;
  replayedText: string | null = null;
  lagMs: number | null = null;
  reason = 'not checked yet';
  /** Reads sent here (a counter, for the metrics). */
  reads = 0;

  constructor(
    readonly name: string,
    readonly pool: pg.Pool,
  ) {}
}

/** A check is bounded by the pool's connect and query timeouts (a stopped host may never answer). */
const CHECK_QUERY = `SELECT pg_is_in_recovery() AS "isStandby", pg_last_wal_replay_lsn()::text AS replayed`;

/**
 * The read replicas (DATABASE_REPLICA_URLS) and which of them may take a read right now. Each is
 * measured every REPLICA_CHECK_INTERVAL_MS: that it answers, that it is a standby, how far it has
 * replayed, and its lag against the primary's WAL positions sampled at the same pace. Reads go round
 * robin to those up and within REPLICA_MAX_LAG_MS (and, for a read that needs a position, past it);
 * with none, to the primary. A replica that fails a read is skipped until a check finds it well.
 */
@Injectable()
export class ReadReplicasService implements ReadRouter, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReadReplicasService.name);
  private readonly replicas: Replica[];
  private readonly primaryPositions: PrimaryPositions;
  private timer: NodeJS.Timeout | undefined;
  private isChecking = false;
  private nextReplica = 0;
  /** The primary's position when the last change notice arrived: a replica short of it may be stale. */
  private changeFloor: WalPosition = 0n;
  private floorsPending = 0;
  /** Reads the primary took while there were replicas (none usable, or a fallback). */
  primaryReads = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: RegistryChangesService,
  ) {
    const { database, replicas } = config;
    this.replicas = replicas.urls.map((url, index) => {
      const pool = new pg.Pool({
        connectionString: url,
        max: database.poolSize,
        connectionTimeoutMillis: database.connectTimeoutMs,
        idleTimeoutMillis: 30_000,
        ...statementTimeouts(database.statementTimeoutMs),
        application_name: 'coalition-registry:replica-read',
      });
      // An idle connection lost with its server (a replica stopped) must not crash the process.
      pool.on('error', () => undefined);
      return new Replica(replicaName(url, index), pool);
    });
    this.primaryPositions = new PrimaryPositions(Math.max(replicas.maxLagMs * 3, 10 * replicas.checkIntervalMs));
  }

  get isEnabled(): boolean {
    return this.replicas.length > 0;
  }

  async onModuleInit(): Promise<void> {
    if (!this.isEnabled) return;
    this.changes.onChange(() => void this.raiseChangeFloor());
    await this.check();
    routeReads(this.db, this);
    this.timer = setInterval(() => void this.check(), this.config.replicas.checkIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    routeReads(this.db, undefined);
    await Promise.all(this.replicas.map((replica) => replica.pool.end().catch(() => undefined)));
  }

  pick(consistency: ReadConsistency | undefined): ReadTarget {
    const needed = consistency?.minPosition ?? 0n;
    const usable = this.replicas.filter((replica) => this.isUsable(replica) && replica.replayed >= needed);
    if (usable.length === 0) return this.primary();
    this.nextReplica = (this.nextReplica + 1) % usable.length;
    return this.targetOf(usable[this.nextReplica]!);
  }

  primary(): ReadTarget {
    this.primaryReads += 1;
    return {
      pool: primaryPoolOf(this.db),
      position: this.primaryPositions.latest ?? 0n,
      isReplica: false,
      markDown: () => undefined,
    };
  }

  isBehindLastChange(position: WalPosition): boolean {
    return this.floorsPending > 0 || position < this.changeFloor;
  }

  report(): ReplicaReport[] {
    return this.replicas.map((replica) => ({
      name: replica.name,
      state: replica.state,
      lagMs: replica.lagMs,
      replayed: replica.replayedText,
      reads: replica.reads,
      pool: {
        total: replica.pool.totalCount,
        idle: replica.pool.idleCount,
        waiting: replica.pool.waitingCount,
      },
    }));
  }

  /** One round of measurements: the primary's position first, then every replica at once. */
  async check(): Promise<void> {
    if (this.isChecking) return;
    this.isChecking = true;
    try {
      await this.samplePrimary();
      await Promise.all(this.replicas.map((replica) => this.checkReplica(replica)));
    } finally {
      this.isChecking = false;
    }
  }

  private isUsable(replica: Replica): boolean {
    return replica.state === 'up';
  }

  private targetOf(replica: Replica): ReadTarget {
    replica.reads += 1;
    return {
      pool: replica.pool,
      position: replica.replayed,
      isReplica: true,
      markDown: (error: unknown) => this.markDown(replica, error),
    };
  }

  private markDown(replica: Replica, error: unknown): void {
    if (replica.state !== 'down') {
      this.logger.warn(`Replica ${replica.name} failed a read (${messageOf(error)}); reading from the primary`);
    }
    replica.state = 'down';
    replica.reason = messageOf(error);
  }

  private async samplePrimary(): Promise<void> {
    const position = await this.currentPrimaryPosition().catch(() => undefined);
    if (position !== undefined) this.primaryPositions.add(Date.now(), position);
  }

  private async currentPrimaryPosition(): Promise<WalPosition | undefined> {
    const [row]: Array<{ position: string }> = await this.db.query(`SELECT pg_current_wal_lsn()::text AS position`);
    return row ? parseWalPosition(row.position) : undefined;
  }

  private async checkReplica(replica: Replica): Promise<void> {
    const before = replica.state;
    try {
      const { rows } = await replica.pool.query<{ isStandby: boolean; replayed: string | null }>(CHECK_QUERY);
      const row = rows[0]!;
      const replayed = row.replayed === null ? undefined : parseWalPosition(row.replayed);
      if (!row.isStandby || replayed === undefined) {
        replica.state = 'not a standby';
        replica.reason = 'it is not replaying a primary (promoted, or not a replica)';
      } else {
        replica.replayed = replayed;
        replica.replayedText = row.replayed;
        replica.lagMs = lagOf(this.primaryPositions, replayed, Date.now());
        replica.state = replica.lagMs > this.config.replicas.maxLagMs ? 'lagging' : 'up';
        replica.reason = replica.state === 'lagging' ? `${replica.lagMs} ms behind the primary` : '';
      }
    } catch (error) {
      replica.state = 'down';
      replica.reason = messageOf(error);
    }
    if (replica.state !== before) {
      const line = `Replica ${replica.name}: ${before} → ${replica.state}${replica.reason ? ` (${replica.reason})` : ''}`;
      if (replica.state === 'up') this.logger.log(line);
      else this.logger.warn(line);
    }
  }

  private async raiseChangeFloor(): Promise<void> {
    this.floorsPending += 1;
    try {
      const position = await this.currentPrimaryPosition().catch(() => this.primaryPositions.latest);
      if (position !== undefined && position > this.changeFloor) this.changeFloor = position;
    } finally {
      this.floorsPending -= 1;
    }
  }
}

/** host:port/database, never the credentials: it goes into logs, health and metric labels. */
function replicaName(url: string, index: number): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return `replica-${index}`;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
