import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DatePrecision } from '../common/date-precision.js';
import type { MembershipStatus } from './membership-status.js';
import { ROW_COLUMNS, type MembershipRow, type MembershipValues } from './membership.repository.js';

export interface NewMembershipEvent {
  membershipId: string;
  status: MembershipStatus;
  effectiveOn: string;
  precision: DatePrecision;
  isAttested: boolean;
  recordedBy: string;
  note: string | null;
}

const RETURNED = ROW_COLUMNS.replaceAll('m.', '');

/**
 * Every statement that writes `membership` or `membership_event`, each inside the caller's
 * transaction. Only the ledger (membership-ledger.ts) imports this file: `npm run lint` refuses any
 * other importer, so the ledger stays the one writer of both tables.
 */
@Injectable()
export class MembershipLedgerRepository {
  /**
   * The membership as it stands, inside the caller's transaction: locked FOR UPDATE (the ledger's
   * writes), FOR SHARE (its status must hold while a commitment is recorded), or not at all.
   */
  async current(
    manager: EntityManager,
    coalitionId: string,
    participantId: string,
    lock: 'update' | 'share' | 'none',
  ): Promise<MembershipRow | null> {
    const clause = lock === 'update' ? 'FOR UPDATE' : lock === 'share' ? 'FOR SHARE' : '';
    const [row]: MembershipRow[] = await manager.query(
      `SELECT ${ROW_COLUMNS} FROM membership m WHERE m.coalition_id = $1 AND m.participant_id = $2 ${clause}`,
      [coalitionId, participantId],
    );
    return row ?? null;
  }

  /** The new row, or null when a concurrent writer created this membership first. */
  async insert(manager: EntityManager, values: MembershipValues): Promise<MembershipRow | null> {
    const [row]: MembershipRow[] = await manager.query(
      `INSERT INTO membership (coalition_id, participant_id, status, status_since, status_since_precision, invited_on, role, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (coalition_id, participant_id) DO NOTHING
       RETURNING ${RETURNED}`,
      [
        values.coalition_id,
        values.participant_id,
        values.status,
        values.status_since,
        values.status_since_precision,
        values.invited_on,
        values.role,
        values.note,
      ],
    );
    return row ?? null;
  }

  /** The locked row moved to its new state, one version on. */
  async update(manager: EntityManager, id: string, values: MembershipValues): Promise<MembershipRow> {
    const [[row]]: [MembershipRow[], number] = await manager.query(
      `UPDATE membership SET status = $2, status_since = $3, status_since_precision = $4, invited_on = $5, note = $6,
              version = version + 1, updated_at = now()
        WHERE id = $1
       RETURNING ${RETURNED}`,
      [id, values.status, values.status_since, values.status_since_precision, values.invited_on, values.note],
    );
    return row;
  }

  async insertEvent(manager: EntityManager, event: NewMembershipEvent): Promise<string> {
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO membership_event (membership_id, status, effective_on, effective_on_precision, is_attested, recorded_by, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        event.membershipId,
        event.status,
        event.effectiveOn,
        event.precision,
        event.isAttested,
        event.recordedBy,
        event.note,
      ],
    );
    return row.id;
  }
}
