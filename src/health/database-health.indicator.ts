import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRead } from '../database/prepared-read.js';
import { ReadReplicasService } from '../replication/read-replicas.service.js';

const CHECK_TIMEOUT_MS = 2000;

/**
 * Whether the database can serve us: it answers, and every migration this build knows has been
 * applied. Failures say what is wrong in plain words; the driver's message (addresses, SQL) stays
 * out of the response.
 */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly replicas: ReadReplicasService,
  ) {}

  /**
   * Each replica as last measured. Reported, never failing readiness: without a replica, reads go to
   * the primary, which the other checks cover.
   */
  replicasReport() {
    return this.indicators.check('replicas').up({ replicas: this.replicas.report() });
  }

  isReachable() {
    return this.indicators
      .check('database')
      .attempt(async () => {
        // A read like any other: on a healthy replica when there is one, else the primary.
        await preparedRead(this.db, 'SELECT 1', []).catch(() => {
          throw new Error('the database does not answer');
        });
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  /** Read-only on purpose (TypeORM's showMigrations would create the migrations table). */
  isMigrated() {
    return this.indicators
      .check('migrations')
      .attempt(async () => {
        const table = this.db.options.migrationsTableName ?? 'migrations';
        const rows: Array<{ name: string }> = await this.db.query(`SELECT name FROM "${table}"`).catch(() => {
          throw new Error('the migrations cannot be read');
        });
        const applied = new Set(rows.map((row) => row.name));
        const pending = this.db.migrations
          .map((migration) => migration.name ?? migration.constructor.name)
          .filter((name) => !applied.has(name));
        if (pending.length > 0) throw new Error(`${pending.length} migration(s) not applied: ${pending.join(', ')}`);
        return { applied: applied.size };
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }
}
