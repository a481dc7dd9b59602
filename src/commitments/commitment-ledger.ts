import { Injectable } from '@nestjs/common';
import type { WriteTransaction } from '../audit/write-transaction.js';
import type { LineOfEffort } from '../common/line-of-effort.js';
import { AlreadyExists, InvalidInput, NotFound, VersionConflict } from '../common/domain-errors.js';
import { MembershipLedger } from '../memberships/membership-ledger.js';
import type { CitedSource } from '../sources/sources.service.js';
import { SourcesService } from '../sources/sources.service.js';
import { assertMayCommit } from './commitment-eligibility.js';
import { assertCommitmentTransition, type CommitmentStatus } from './commitment-status.js';
import type { Commitment } from './commitment.model.js';
import { CommitmentLedgerRepository } from './commitment-ledger.repository.js';

export interface NewCommitmentFacts {
  coalitionId: string;
  participantId: string;
  /** How a refusal names the member: its code. */
  participant: string;
  title: string;
  description: string | null;
  lineOfEffort: LineOfEffort | null;
  status: CommitmentStatus;
  madeOn: string;
  isAttested?: boolean;
  note?: string | null;
  sources: readonly CitedSource[];
  operation: string;
}

export interface CommitmentStatusChange {
  id: string;
  status: CommitmentStatus;
  expectedVersion: number;
  /** Replaces the commitment's note when given. */
  note: string | null;
  sources: readonly CitedSource[];
  operation: string;
}

/** Withdraws a commitment from the record: it no longer counts, and stays readable by id with the reason. */
export interface CommitmentRetraction {
  id: string;
  reason: string;
  /** CONFLICT unless the commitment is at this version; absent (a system writer), it is taken as it is. */
  expectedVersion?: number;
  sources: readonly CitedSource[];
  operation: string;
}

/**
 * The one writer of `commitment`, inside the caller's WriteTransaction. Recording holds the member's
 * membership steady through the membership ledger (so its status cannot change under the check);
 * a status change locks the commitment and checks its version. Each change is audited.
 */
@Injectable()
export class CommitmentLedger {
  constructor(
    private readonly commitments: CommitmentLedgerRepository,
    private readonly memberships: MembershipLedger,
    private readonly sources: SourcesService,
  ) {}

  async record(tx: WriteTransaction, facts: NewCommitmentFacts): Promise<Commitment> {
    const membership = await this.memberships.holdForCommitment(tx.manager, facts.coalitionId, facts.participantId);
    assertMayCommit(membership, facts.participant, facts.madeOn);
    const row = await this.commitments.insert(tx.manager, {
      membershipId: membership!.id,
      title: facts.title,
      description: facts.description,
      lineOfEffort: facts.lineOfEffort,
      status: facts.status,
      madeOn: facts.madeOn,
      isAttested: facts.isAttested ?? false,
      note: facts.note ?? null,
    });
    if (!row) throw new AlreadyExists(`${facts.participant} already has a commitment titled "${facts.title}"`);
    await this.sources.cite(tx.manager, 'commitment', row.id, facts.sources);
    await tx.recordChange({ operation: facts.operation, before: null, after: row });
    return row;
  }

  async changeStatus(tx: WriteTransaction, change: CommitmentStatusChange): Promise<Commitment> {
    const existing = await this.lockStanding(tx, change.id, change.expectedVersion);
    assertCommitmentTransition(existing.status, change.status);
    const row = await this.commitments.update(tx.manager, existing.id, change.status, change.note ?? existing.note);
    await this.sources.cite(tx.manager, 'commitment', row.id, change.sources);
    await tx.recordChange({ operation: change.operation, before: existing, after: row });
    return row;
  }

  async retract(tx: WriteTransaction, retraction: CommitmentRetraction): Promise<Commitment> {
    const existing = await this.lockStanding(tx, retraction.id, retraction.expectedVersion);
    const row = await this.commitments.retract(tx.manager, existing.id, tx.actor.name, retraction.reason);
    await this.sources.cite(tx.manager, 'commitment_retraction', row.id, retraction.sources);
    await tx.recordChange({ operation: retraction.operation, before: existing, after: row });
    return row;
  }

  /** The commitment locked, at the expected version and not retracted (a retracted one changes no more). */
  private async lockStanding(tx: WriteTransaction, id: string, expectedVersion?: number): Promise<Commitment> {
    const existing = await this.commitments.lock(tx.manager, id);
    if (!existing) throw new NotFound(`No commitment has the id ${id}`, { argument: 'id' });
    if (expectedVersion !== undefined && existing.version !== expectedVersion) {
      throw new VersionConflict(
        `The commitment is at version ${existing.version}, not ${expectedVersion}: someone changed it; read it again`,
        { currentVersion: existing.version },
      );
    }
    if (existing.retractedAt) throw new InvalidInput('id', `Commitment ${id} is retracted: it changes no more`);
    return existing;
  }
}
