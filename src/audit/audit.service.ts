import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvalidInput } from '../common/domain-errors.js';
import { checkPageSize, decodeCursor, encodeCursor, toConnection, type Connection } from '../common/pagination.js';
import type { Actor, ActorRole } from './actor.js';
import type { AuditEntryEntity } from './audit-entry.entity.js';
import type { AuditLogArgs } from './audit.model.js';
import { AuditRepository } from './audit.repository.js';

export interface AuditRecord {
  operation: string;
  before: unknown;
  after: unknown;
}

@Injectable()
export class AuditService {
  constructor(private readonly entries: AuditRepository) {}

  /** Written inside the write's own transaction, so the entry exists exactly when the change does. */
  record(manager: EntityManager, actor: Actor, entry: AuditRecord, requestId: string | null): Promise<void> {
    return this.entries.insert(manager, actor, entry, requestId);
  }

  /**
   * Inside a write's transaction: everyone the audit log shows changing the record with this id (a
   * membership, a source...), with their role: how a dataset revision tells an admin's write from its own.
   */
  writersOf(manager: EntityManager, recordId: string): Promise<Array<{ name: string; role: ActorRole }>> {
    return this.entries.writersOf(manager, recordId);
  }

  /** Newest first, keyset-paged by id; totalCount is counted only when `isTotalNeeded` (else 0). */
  async page(args: AuditLogArgs, isTotalNeeded: boolean): Promise<Connection<AuditEntryEntity>> {
    const size = checkPageSize(args.first, 50);
    let beforeId: string | null = null;
    if (args.after) {
      const [id] = decodeCursor(args.after, 'audit', 1);
      if (id === null || !/^\d{1,19}$/.test(id))
        throw new InvalidInput('after', 'after is not a cursor this list handed out');
      beforeId = id;
    }
    if (args.since && args.until && args.until <= args.since) {
      throw new InvalidInput('until', 'until must be later than since');
    }
    const filter = { actor: args.actor, operation: args.operation, since: args.since, until: args.until, beforeId };
    const [rows, total] = await this.entries.newestFirst(filter, size + 1, isTotalNeeded);
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
