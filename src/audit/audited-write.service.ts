import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VersionConflict } from '../common/domain-errors.js';
import {
  noteCommitted,
  noteCommittedAtUnknownPosition,
  parseWalPosition,
  readConsistency,
} from '../database/read-routing.js';
import type { WriteRequest } from '../common/write-request.js';
import { announceChange, RegistryChangesService } from '../response-cache/registry-changes.service.js';
import { actorOf, type Actor } from './actor.js';
import { AuditService } from './audit.service.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { WriteTransaction } from './write-transaction.js';

type Work<Result> = (tx: WriteTransaction) => Promise<Result>;

/** Postgres codes of a write that lost a race: unique violation, serialization failure, deadlock. */
const LOST_RACE = new Set(['23505', '40001', '40P01']);

/**
 * Every write goes through here, whoever asks (a mutation, the import, the seed, the key CLI): one
 * transaction holds the change, its history and its audit entries (the ledgers write those through the
 * WriteTransaction), and the one change notice of the transaction is sent from here, so it goes out
 * exactly when the transaction commits. A mutation's Idempotency-Key is remembered in the same
 * transaction, so a retried request returns the first result without writing again.
 */
@Injectable()
export class AuditedWriteService {
  private readonly logger = new Logger(AuditedWriteService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly changes: RegistryChangesService,
    private readonly idempotency: IdempotencyRepository,
  ) {}

  /** A mutation: audited as its caller, replayed whole for a repeated Idempotency-Key. */
  perform<Result>(request: WriteRequest, operation: string, input: unknown, work: Work<Result>): Promise<Result> {
    const { caller, idempotencyKey } = request;
    if (!idempotencyKey) return this.run(actorOf(caller), work, request.requestId);
    const requestHash = createHash('sha256').update(JSON.stringify({ operation, input })).digest('hex');
    const remembered = { keyId: caller.keyId, idempotencyKey, operation, requestHash };
    return this.run(
      actorOf(caller),
      async (tx) => {
        if (!(await this.idempotency.claim(tx.manager, remembered))) {
          const earlier = await this.idempotency.earlier<Result>(tx.manager, remembered);
          if (earlier.operation !== operation || earlier.requestHash !== requestHash) {
            throw new VersionConflict('This Idempotency-Key was already used for a different request');
          }
          return earlier.result;
        }
        const result = await work(tx);
        await this.idempotency.remember(tx.manager, remembered, result);
        return result;
      },
      request.requestId,
    );
  }

  /**
   * One transaction of audited changes by `actor` (the import's rows, the seed's facts, a key's
   * creation): all of it commits, with one change notice, or none of it does.
   */
  async run<Result>(actor: Actor, work: Work<Result>, requestId: string | null = null): Promise<Result> {
    try {
      const { result, changeId } = await this.db.transaction(async (manager) => {
        const tx = new WriteTransaction(manager, actor, requestId, this.audit);
        const outcome = await work(tx);
        return { result: outcome, changeId: tx.hasChanges ? await announceChange(manager, tx.subjects) : undefined };
      });
      // Acknowledge only once no cache, here or on another instance, can still answer with the old data.
      if (changeId) await this.changes.settle(changeId);
      await this.noteCommitPosition();
      return result;
    } catch (error) {
      if (LOST_RACE.has(String((error as { code?: unknown }).code))) {
        throw new VersionConflict('A concurrent write changed the same record; read it again and retry');
      }
      throw error;
    }
  }

  /**
   * For a request (not the import or the seed): where the primary's WAL is now, at or past this
   * commit, so the request's later reads, and the caller's next ones (X-Registry-Position), see it.
   * The insert position, not the write position: it is past the commit record whatever synchronous_commit says.
   */
  private async noteCommitPosition(): Promise<void> {
    if (!readConsistency.getStore()) return;
    try {
      const [row]: Array<{ position: string }> = await this.db.query(
        `SELECT pg_current_wal_insert_lsn()::text AS position`,
      );
      const position = row ? parseWalPosition(row.position) : undefined;
      if (position !== undefined) noteCommitted(position);
    } catch (error) {
      // The write is committed: nothing after the COMMIT may answer it as a failure (a retry would then
      // be refused as a conflict). Its answer names no position, and its own later reads take the primary.
      this.logger.warn(`A committed write's WAL position could not be read: ${String(error)}`);
      noteCommittedAtUnknownPosition();
    }
  }
}
