import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InvalidInput } from '../common/domain-errors.js';
import type { Caller } from '../common/graphql-context.js';
import { checkPageSize, decodeCursor, encodeCursor, toConnection, type Connection } from '../common/pagination.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import type { AuditLogArgs } from './audit.model.js';

export interface AuditRecord {
  operation: string;
  before: unknown;
  after: unknown;
}

/** SQL NULL for nothing (a creation has no "before"), JSON text otherwise. */
const asJson = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Written inside the write's own transaction, so the entry exists exactly when the change does. */
  async record(manager: EntityManager, caller: Caller, entry: AuditRecord, requestId: string | null): Promise<void> {
    await manager.query(
      `INSERT INTO audit_entry (actor, role, operation, before, after, request_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [caller.keyName, caller.role, entry.operation, asJson(entry.before), asJson(entry.after), requestId],
    );
  }

  /** Newest first, keyset-paged by id. */
  async page(args: AuditLogArgs): Promise<Connection<AuditEntryEntity>> {
    const size = checkPageSize(args.first, 50);
    const query = this.db
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .orderBy('a.id', 'DESC')
      .limit(size + 1);
    const count = this.db.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (args.actor) {
      query.andWhere('a.actor = :actor', { actor: args.actor });
      count.andWhere('a.actor = :actor', { actor: args.actor });
    }
    if (args.since) {
      query.andWhere('a.at >= :since', { since: args.since });
      count.andWhere('a.at >= :since', { since: args.since });
    }
    if (args.after) {
      const [id] = decodeCursor(args.after, 'audit', 1);
      if (id === null || !/^\d{1,19}$/.test(id))
        throw new InvalidInput('after', 'after is not a cursor this list handed out');
      query.andWhere('a.id < :id', { id });
    }
    const [rows, total] = await Promise.all([query.getMany(), count.getCount()]);
    return toConnection(
      rows,
      size,
      total,
      Boolean(args.after),
      (row) => encodeCursor('audit', [String(row.id)]),
      (row) => row,
    );
  }
}
