import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor, ActorRole } from './actor.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

/** SQL NULL for nothing (a creation has no "before"), JSON text otherwise. */
const asJson = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

export interface AuditFilter {
  actor?: string | null;
  operation?: string | null;
  since?: Date | null;
  until?: Date | null;
  /** Only entries older than this id (the keyset cursor). */
  beforeId?: string | null;
}

/** The audit log's SQL: entries are only ever inserted, and read newest first. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(
    manager: EntityManager,
    actor: Actor,
    entry: { operation: string; before: unknown; after: unknown },
    requestId: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO audit_entry (actor, role, operation, before, after, request_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [actor.name, actor.role, entry.operation, asJson(entry.before), asJson(entry.after), requestId],
    );
  }

  /**
   * At most `limit` entries newest first, and how many match without the cursor: counted only when
   * `isTotalNeeded` (a count reads the whole matching log, far more than a page), else 0.
   */
  async newestFirst(filter: AuditFilter, limit: number, isTotalNeeded: boolean): Promise<[AuditEntryEntity[], number]> {
    const query = this.db.getRepository(AuditEntryEntity).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(limit);
    const count = this.db.getRepository(AuditEntryEntity).createQueryBuilder('a');
    for (const builder of [query, count]) {
      if (filter.actor) builder.andWhere('a.actor = :actor', { actor: filter.actor });
      if (filter.operation) builder.andWhere('a.operation = :operation', { operation: filter.operation });
      if (filter.since) builder.andWhere('a.at >= :since', { since: filter.since });
      if (filter.until) builder.andWhere('a.at < :until', { until: filter.until });
    }
    if (filter.beforeId) query.andWhere('a.id < :id', { id: filter.beforeId });
    return Promise.all([query.getMany(), isTotalNeeded ? count.getCount() : Promise.resolve(0)]);
  }

  /** Who wrote entries about the record with this id (its `id` before or after the change). */
  writersOf(manager: EntityManager, recordId: string): Promise<Array<{ name: string; role: ActorRole }>> {
    return manager.query(
      `SELECT DISTINCT actor AS name, role FROM audit_entry WHERE after->>'id' = $1 OR before->>'id' = $1`,
      [recordId],
    );
  }
}
