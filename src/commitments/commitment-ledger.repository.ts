import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LineOfEffort } from '../common/line-of-effort.js';
import type { CommitmentStatus } from './commitment-status.js';
import type { Commitment } from './commitment.model.js';
import { COMMITMENT_COLUMNS as COLUMNS } from './commitment.repository.js';

export interface NewCommitment {
  membershipId: string;
  title: string;
  description: string | null;
  lineOfEffort: LineOfEffort | null;
  status: CommitmentStatus;
  madeOn: string;
  isAttested: boolean;
  note: string | null;
}

export type StandingCommitment = Pick<Commitment, 'id' | 'title' | 'madeOn'>;

/**
 * Every statement that writes `commitment`, inside the caller's transaction. Only the commitment
 * ledger imports this file (a rule of `npm run lint`).
 */
@Injectable()
export class CommitmentLedgerRepository {
  /** Locked FOR UPDATE until the caller's transaction ends. */
  async lock(manager: EntityManager, id: string): Promise<Commitment | null> {
    const [row]: Commitment[] = await manager.query(`SELECT ${COLUMNS} FROM commitment c WHERE c.id = $1 FOR UPDATE`, [
      id,
    ]);
    return row ?? null;
  }

  /** The membership's commitments not retracted, earliest first; the caller holds the membership locked. */
  async standingOf(manager: EntityManager, membershipId: string): Promise<StandingCommitment[]> {
    return manager.query(
      `SELECT c.id, c.title, c.made_on AS "madeOn" FROM commitment c
        WHERE c.membership_id = $1 AND c.retracted_at IS NULL ORDER BY c.made_on, c.title`,
      [membershipId],
    );
  }

  /** The coalition of a commitment's membership, for the change notice. */
  async coalitionOf(manager: EntityManager, membershipId: string): Promise<string | null> {
    const [row]: Array<{ coalition_id: string }> = await manager.query(
      `SELECT coalition_id FROM membership WHERE id = $1`,
      [membershipId],
    );
    return row?.coalition_id ?? null;
  }

  /** The new commitment, or null when the member already has one of that title. */
  async insert(manager: EntityManager, commitment: NewCommitment): Promise<Commitment | null> {
    const [row]: Commitment[] = await manager.query(
      `INSERT INTO commitment AS c (membership_id, title, description, line_of_effort, status, made_on, is_attested, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (membership_id, title) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        commitment.membershipId,
        commitment.title,
        commitment.description,
        commitment.lineOfEffort,
        commitment.status,
        commitment.madeOn,
        commitment.isAttested,
        commitment.note,
      ],
    );
    return row ?? null;
  }

  /** The locked commitment with its new status and note, one version on. */
  async update(manager: EntityManager, id: string, status: CommitmentStatus, note: string | null): Promise<Commitment> {
    const [[row]]: [Commitment[], number] = await manager.query(
      `UPDATE commitment AS c SET status = $2, note = $3, version = c.version + 1, updated_at = now()
        WHERE c.id = $1 RETURNING ${COLUMNS}`,
      [id, status, note],
    );
    return row;
  }

  /** The locked commitment marked retracted (it stays on record), one version on. */
  async retract(manager: EntityManager, id: string, by: string, reason: string): Promise<Commitment> {
    const [[row]]: [Commitment[], number] = await manager.query(
      `UPDATE commitment AS c SET retracted_at = now(), retracted_by = $2, retraction_reason = $3,
              version = c.version + 1, updated_at = now()
        WHERE c.id = $1 RETURNING ${COLUMNS}`,
      [id, by, reason],
    );
    return row;
  }
}
