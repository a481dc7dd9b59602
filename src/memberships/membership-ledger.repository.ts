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
  /** A correction: the event it replaces, and the place in the history it takes (see RecordedEvent.place). */
  correctionOf?: string | null;
  place?: string | null;
}

/** A membership event as the corrections read it, inside the caller's transaction. */
export interface RecordedEvent {
  id: string;
  membershipId: string;
  status: MembershipStatus;
  effectiveOn: string;
  precision: DatePrecision;
  isAttested: boolean;
  note: string | null;
  isRetracted: boolean;
  /** Where the event stands in the history: its own sequence, or the first event's of its chain of corrections. */
  place: string;
}

const EVENT_COLUMNS = `e.id, e.membership_id AS "membershipId", e.status, e.effective_on::text AS "effectiveOn",
  e.effective_on_precision AS precision, e.is_attested AS "isAttested", e.note,
  e.retracted_at IS NOT NULL AS "isRetracted", coalesce(e.place, e.sequence)::text AS place`;

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

  /** The membership by id, locked FOR UPDATE: where a correction of one of its events starts. */
  async lockById(manager: EntityManager, id: string): Promise<MembershipRow | null> {
    const [row]: MembershipRow[] = await manager.query(
      `SELECT ${ROW_COLUMNS} FROM membership m WHERE m.id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  async event(manager: EntityManager, id: string): Promise<RecordedEvent | null> {
    const [row]: RecordedEvent[] = await manager.query(
      `SELECT ${EVENT_COLUMNS} FROM membership_event e WHERE e.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The membership's standing (unretracted) events in the order they stand in (place, then recording). */
  standingEvents(manager: EntityManager, membershipId: string): Promise<RecordedEvent[]> {
    return manager.query(
      `SELECT ${EVENT_COLUMNS} FROM membership_event e
        WHERE e.membership_id = $1 AND e.retracted_at IS NULL
        ORDER BY coalesce(e.place, e.sequence), e.sequence`,
      [membershipId],
    );
  }

  /** Marks a standing event retracted: it stays on record, with who withdrew it and why. */
  async retractEvent(manager: EntityManager, id: string, by: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE membership_event SET retracted_at = now(), retracted_by = $2, retraction_reason = $3
        WHERE id = $1 AND retracted_at IS NULL`,
      [id, by, reason],
    );
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
      `INSERT INTO membership_event (membership_id, status, effective_on, effective_on_precision, is_attested, recorded_by, note,
                                     correction_of, place)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        event.membershipId,
        event.status,
        event.effectiveOn,
        event.precision,
        event.isAttested,
        event.recordedBy,
        event.note,
        event.correctionOf ?? null,
        event.place ?? null,
      ],
    );
    return row.id;
  }
}
