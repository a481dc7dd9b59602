import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

const SWEEP_EVERY_MS = 10 * 60_000;
/** Rows deleted per statement, so a large backlog never holds one long transaction. */
const SWEEP_BATCH = 5000;

/**
 * Idempotency records expire after IDEMPOTENCY_TTL_HOURS. The service writes that setting into the
 * database's idempotency_policy at start (the claim of an expired key reads it there, see the
 * migration ExpireIdempotencyRecords), then deletes expired records in the background. One database
 * has one time to live: with several instances, the last one started sets it.
 */
@Injectable()
export class IdempotencySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencySweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.db.query(`UPDATE idempotency_policy SET time_to_live = make_interval(hours => $1)`, [
      this.config.idempotencyTtlHours,
    ]);
    this.timer = setInterval(() => void this.sweepInBackground(), SWEEP_EVERY_MS);
    this.timer.unref();
    void this.sweepInBackground();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
  }

  /** Deletes every expired record; returns how many. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = (await this.db.query(
        `DELETE FROM idempotency_record WHERE ctid IN (
           SELECT ctid FROM idempotency_record WHERE created_at < idempotency_expired_before() LIMIT $1)`,
        [SWEEP_BATCH],
      )) as [unknown, number];
      total += deleted;
      if (deleted < SWEEP_BATCH) return total;
    }
  }

  private async sweepInBackground(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = this.sweep();
    try {
      const deleted = await this.sweeping;
      if (deleted > 0) this.logger.log(`Deleted ${deleted} expired idempotency record(s)`);
    } catch (error) {
      // The database may be away for a while; the next sweep catches up.
      this.logger.warn(`Sweeping expired idempotency records failed: ${(error as Error).message}`);
    } finally {
      this.sweeping = undefined;
    }
  }
}

/** The sweep runs in the service alone (not in a CLI that borrows the audit module). */
@Module({ providers: [IdempotencySweeper], exports: [IdempotencySweeper] })
export class IdempotencySweeperModule {}
