import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface IdempotentRequest {
  keyId: string;
  idempotencyKey: string;
  operation: string;
  requestHash: string;
}

/** The remembered results of writes sent with an Idempotency-Key, one row per (API key, Idempotency-Key). */
@Injectable()
export class IdempotencyRepository {
  /** True when this request is the first with its key; a concurrent retry waits here until the first commits. */
  async claim(manager: EntityManager, request: IdempotentRequest): Promise<boolean> {
    const claimed: unknown[] = await manager.query(
      `INSERT INTO idempotency_record (api_key_id, key, operation, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING key`,
      [request.keyId, request.idempotencyKey, request.operation, request.requestHash],
    );
    return claimed.length > 0;
  }

  async earlier<Result>(
    manager: EntityManager,
    request: IdempotentRequest,
  ): Promise<{ operation: string; requestHash: string; result: Result }> {
    const [row] = (await manager.query(
      `SELECT operation, request_hash AS "requestHash", result FROM idempotency_record WHERE api_key_id = $1 AND key = $2`,
      [request.keyId, request.idempotencyKey],
    )) as Array<{ operation: string; requestHash: string; result: Result }>;
    return row;
  }

  async remember(manager: EntityManager, request: IdempotentRequest, result: unknown): Promise<void> {
    await manager.query(`UPDATE idempotency_record SET result = $3 WHERE api_key_id = $1 AND key = $2`, [
      request.keyId,
      request.idempotencyKey,
      JSON.stringify(result),
    ]);
  }
}
