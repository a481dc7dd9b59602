import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WriteTransaction } from '../audit/write-transaction.js';
import type { LineOfEffort } from '../common/line-of-effort.js';
import {
  AlreadyExists,
  InvalidInput,
  NotFound,
  StandingHistoryBroken,
  VersionConflict,
} from '../common/domain-errors.js';
import { MembershipLedger } from '../memberships/membership-ledger.js';
import type { StandingHistoryChange, StandingHistoryCheck } from '../memberships/standing-history-check.js';
import type { StandingPeriod } from '../memberships/standing-history.js';
import type { CitedSource } from '../sources/sources.service.js';
import { SourcesService } from '../sources/sources.service.js';
import { assertMayCommit, isMadeWhileCommitted } from './commitment-eligibility.js';
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
 * a status change locks the commitment and checks its version. Each change is audited. It also keeps
 * the commitments' rule when a membership's history is corrected: registered with the membership
 * ledger, it refuses a retraction or correction that would leave a standing commitment made while the
 * member was not COMMITTED.
 */
@Injectable()
export class CommitmentLedger implements StandingHistoryCheck, OnModuleInit {
  constructor(
    private readonly commitments: CommitmentLedgerRepository,
    private readonly memberships: MembershipLedger,
    private readonly sources: SourcesService,
  ) {}

  onModuleInit(): void {
    this.memberships.addStandingHistoryCheck(this);
  }

  /**
   * Every standing commitment of the membership lies in a COMMITTED period of `periods`, or the change
   * is refused naming its event: the commitment must be retracted first. The membership ledger calls
   * this with the membership locked, so no commitment can be recorded against it meanwhile.
   */
  async assertHolds(
    manager: EntityManager,
    membershipId: string,
    periods: readonly StandingPeriod[],
    change: StandingHistoryChange,
  ): Promise<void> {
    const standing = await this.commitments.standingOf(manager, membershipId);
    const outside = standing.find((commitment) => !isMadeWhileCommitted(commitment.madeOn, periods));
    if (outside) {
      throw new StandingHistoryBroken(
        `This change of event ${change.event} would leave commitment "${outside.title}" (made on ${outside.madeOn}) outside any period when the member was COMMITTED; retract the commitment first`,
        { argument: change.argument, event: change.event, commitment: outside.id },
      );
    }
  }

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
    const subject = { kind: 'COMMITMENT', id: row.id, coalitionId: facts.coalitionId } as const;
    await tx.recordChange({ operation: facts.operation, before: null, after: row, subject });
    return row;
  }

  async changeStatus(tx: WriteTransaction, change: CommitmentStatusChange): Promise<Commitment> {
    const existing = await this.lockStanding(tx, change.id, change.expectedVersion);
    assertCommitmentTransition(existing.status, change.status);
    const row = await this.commitments.update(tx.manager, existing.id, change.status, change.note ?? existing.note);
    await this.sources.cite(tx.manager, 'commitment', row.id, change.sources);
    const coalitionId = await this.commitments.coalitionOf(tx.manager, row.membershipId);
    const subject = { kind: 'COMMITMENT', id: row.id, coalitionId } as const;
    await tx.recordChange({ operation: change.operation, before: existing, after: row, subject });
    return row;
  }

  async retract(tx: WriteTransaction, retraction: CommitmentRetraction): Promise<Commitment> {
    const existing = await this.lockStanding(tx, retraction.id, retraction.expectedVersion);
    const row = await this.commitments.retract(tx.manager, existing.id, tx.actor.name, retraction.reason);
    await this.sources.cite(tx.manager, 'commitment_retraction', row.id, retraction.sources);
    const coalitionId = await this.commitments.coalitionOf(tx.manager, row.membershipId);
    const subject = { kind: 'COMMITMENT', id: row.id, coalitionId } as const;
    await tx.recordChange({ operation: retraction.operation, before: existing, after: row, subject });
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
