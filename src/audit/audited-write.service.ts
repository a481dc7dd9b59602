import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InvalidInput, Unauthenticated, VersionConflict } from '../common/domain-errors.js';
import type { Caller, GraphqlContext } from '../common/graphql-context.js';
import { announceChange, RegistryChangesService } from '../response-cache/registry-changes.service.js';
import { AuditService } from './audit.service.js';

export interface WriteOutcome<Result> {
  result: Result;
  before: unknown;
  after: unknown;
}

type Work<Result> = (manager: EntityManager) => Promise<WriteOutcome<Result>>;

/** Postgres codes of a write that lost a race: unique violation, serialization failure, deadlock. */
const LOST_RACE = new Set(['23505', '40001', '40P01']);

/**
 * Every admin write goes through here: one transaction holds the change, its history, its audit entry
 * and (with an Idempotency-Key header) the remembered result, so they commit together or not at all,
 * and a retried request returns the first result without writing again.
 */
@Injectable()
export class AuditedWriteService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly changes: RegistryChangesService,
  ) {}

  async perform<Result>(
    context: GraphqlContext,
    operation: string,
    input: unknown,
    work: Work<Result>,
  ): Promise<Result> {
    const caller = context.caller;
    if (!caller) throw new Unauthenticated('This operation needs an API key');
    const header = context.req.headers['idempotency-key'];
    const idempotencyKey = Array.isArray(header) ? header[0] : header;
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw new InvalidInput('Idempotency-Key', 'The Idempotency-Key header must be 1 to 200 visible ASCII characters');
    }
    const request = { caller, operation, requestId: context.requestId, idempotencyKey };
    const requestHash = createHash('sha256').update(JSON.stringify({ operation, input })).digest('hex');
    try {
      const { result, changeId } = await this.db.transaction((manager) =>
        this.inTransaction(manager, request, requestHash, work),
      );
      // Acknowledge only once no cache, here or on another instance, can still answer with the old data.
      if (changeId) await this.changes.settle(changeId);
      return result;
    } catch (error) {
      if (LOST_RACE.has(String((error as { code?: unknown }).code))) {
        throw new VersionConflict('A concurrent write changed the same record; read it again and retry');
      }
      throw error;
    }
  }

  private async inTransaction<Result>(
    manager: EntityManager,
    request: { caller: Caller; operation: string; requestId: string; idempotencyKey: string | undefined },
    requestHash: string,
    work: Work<Result>,
  ): Promise<{ result: Result; changeId?: string }> {
    const { caller, operation, idempotencyKey } = request;
    if (idempotencyKey) {
      // A concurrent retry with the same key waits here on the primary key until the first commits.
      const claimed: unknown[] = await manager.query(
        `INSERT INTO idempotency_record (api_key_id, key, operation, request_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING key`,
        [caller.keyId, idempotencyKey, operation, requestHash],
      );
      if (claimed.length === 0) {
        const [earlier] = (await manager.query(
          `SELECT operation, request_hash, result FROM idempotency_record WHERE api_key_id = $1 AND key = $2`,
          [caller.keyId, idempotencyKey],
        )) as Array<{ operation: string; request_hash: string; result: Result }>;
        if (earlier.operation !== operation || earlier.request_hash !== requestHash) {
          throw new VersionConflict('This Idempotency-Key was already used for a different request');
        }
        return { result: earlier.result };
      }
    }
    const outcome = await work(manager);
    await this.audit.record(
      manager,
      caller,
      { operation, before: outcome.before, after: outcome.after },
      request.requestId,
    );
    if (idempotencyKey) {
      await manager.query(`UPDATE idempotency_record SET result = $3 WHERE api_key_id = $1 AND key = $2`, [
        caller.keyId,
        idempotencyKey,
        JSON.stringify(outcome.result),
      ]);
    }
    return { result: outcome.result, changeId: await announceChange(manager) };
  }
}
