import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { LineOfEffort } from '../common/line-of-effort.js';
import { preparedRead } from '../database/prepared-read.js';
import { citedSourcesJson } from '../sources/cited-sources.subquery.js';
import type { CommitmentStatus } from './commitment-status.js';
import type { Commitment } from './commitment.model.js';

/** The commitment's columns, each named as its field (one row shape: `Commitment`). */
const COLUMNS = `c.id, c.membership_id AS "membershipId", c.title, c.description, c.line_of_effort AS "lineOfEffort",
  c.status, c.made_on AS "madeOn", c.is_attested AS "isAttested", c.note, c.version`;

/** $1 membership ids, $2 asOf (or null), $3 how many each at most (or null): see CommitmentsService. */
const commitmentsOfMembershipsSql = (withSources: boolean) => `
           SELECT ${COLUMNS}
                  ${withSources ? `, ${citedSourcesJson('commitment', 'c.id')} AS sources` : ''}
             FROM unnest($1::uuid[]) WITH ORDINALITY AS asked(membership_id, position)
            CROSS JOIN LATERAL (
                  SELECT * FROM commitment
                   WHERE commitment.membership_id = asked.membership_id AND ($2::date IS NULL OR made_on <= $2::date)
                   ORDER BY made_on, title
                   LIMIT $3::int) AS c
            ORDER BY asked.position, c.made_on, c.title`;
const COMMITMENTS_OF_MEMBERSHIPS_SQL = {
  withSources: commitmentsOfMembershipsSql(true),
  withoutSources: commitmentsOfMembershipsSql(false),
};

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

/** The commitment table: read by membership, written only by the commitment ledger. */
@Injectable()
export class CommitmentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Per membership, only the commitments kept (LIMIT inside the lateral join walks the
   * (membership_id, made_on) index and stops), then sources for those alone. A window function over
   * all the commitments of the page joined back to the table made PostgreSQL misjudge the rows and
   * scan the whole table: 49 ms a page at a tenth of the bench scale.
   */
  ofMemberships(
    membershipIds: readonly string[],
    asOf: string | null,
    limit: number | null,
    withSources: boolean,
  ): Promise<Commitment[]> {
    return preparedRead(this.db, COMMITMENTS_OF_MEMBERSHIPS_SQL[withSources ? 'withSources' : 'withoutSources'], [
      membershipIds,
      asOf,
      limit,
    ]);
  }

  /** Locked FOR UPDATE until the caller's transaction ends. */
  async lock(manager: EntityManager, id: string): Promise<Commitment | null> {
    const [row]: Commitment[] = await manager.query(`SELECT ${COLUMNS} FROM commitment c WHERE c.id = $1 FOR UPDATE`, [
      id,
    ]);
    return row ?? null;
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
}
