import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WriteTransaction } from '../audit/write-transaction.js';
import { DatePrecision } from '../common/date-precision.js';
import { DomainError, VersionConflict } from '../common/domain-errors.js';
import { SourcesService } from '../sources/sources.service.js';
import { planMembershipChange, type MembershipChange, type MembershipPlan } from './membership-change.js';
import { MembershipLedgerRepository } from './membership-ledger.repository.js';
import { toMembership, type MembershipRow } from './membership.repository.js';
import type { Membership } from './membership.model.js';

export interface MembershipOutcome {
  /** Null when the change created the membership. */
  before: Membership | null;
  after: Membership;
  isChanged: boolean;
}

/**
 * The one writer of `membership` and `membership_event`. Every change (an admin's mutation, a row of
 * the roster import, a fact of the seed) comes here, inside the caller's WriteTransaction: lock the
 * row, check the version, apply the state machine and the date order (membership-change.ts), write the
 * new state one version on, append the event with its sources, and record the audit entry (the
 * transaction sends the change notice when it commits). Concurrent writers of one membership queue on
 * the row lock, and the later one is judged against what the earlier one wrote.
 */
@Injectable()
export class MembershipLedger {
  constructor(
    private readonly memberships: MembershipLedgerRepository,
    private readonly sources: SourcesService,
  ) {}

  async record(tx: WriteTransaction, change: MembershipChange): Promise<MembershipOutcome> {
    const { manager } = tx;
    let current = await this.memberships.current(manager, change.coalitionId, change.participantId, 'update');
    let plan = planMembershipChange(current, change);
    let row: MembershipRow | null = null;
    if (plan.kind === 'create') {
      row = await this.memberships.insert(manager, plan.values);
      if (!row) {
        // A concurrent writer created it between our look and our insert: its write stands, and ours is
        // judged again against it (its transaction has committed: the insert waited for it).
        current = await this.memberships.current(manager, change.coalitionId, change.participantId, 'update');
        plan = this.replanAfterLostRace(current, change);
      }
    }
    if (plan.kind === 'unchanged') {
      const unchanged = toMembership(current!);
      return { before: unchanged, after: unchanged, isChanged: false };
    }
    if (plan.kind === 'update') row = await this.memberships.update(manager, current!.id, plan.values);
    const after = toMembership(row!);
    const eventId = await this.memberships.insertEvent(manager, {
      membershipId: after.id,
      status: after.status,
      effectiveOn: change.effectiveOn,
      precision: change.precision ?? DatePrecision.DAY,
      isAttested: change.isAttested ?? false,
      recordedBy: tx.actor.name,
      note: change.note ?? null,
    });
    await this.sources.cite(manager, 'membership_event', eventId, change.sources);
    const before = current ? toMembership(current) : null;
    const subject = { kind: 'MEMBERSHIP', id: after.id, coalitionId: after.coalitionId } as const;
    await tx.recordChange({ operation: change.operation, before, after, subject }, change.requestId);
    return { before, after, isChanged: true };
  }

  /**
   * Checks `change` against the membership as it stands, without a lock and writing nothing (a dry run,
   * the import's first pass); throws what `record` would if nobody wrote in between.
   */
  async check(manager: EntityManager, change: MembershipChange): Promise<MembershipPlan['kind']> {
    const current = await this.memberships.current(manager, change.coalitionId, change.participantId, 'none');
    return planMembershipChange(current, change).kind;
  }

  /**
   * The membership, held FOR SHARE until the caller's transaction ends: its status cannot change while
   * a commitment is recorded against it (the commitment ledger's lock).
   */
  async holdForCommitment(
    manager: EntityManager,
    coalitionId: string,
    participantId: string,
  ): Promise<Membership | null> {
    const row = await this.memberships.current(manager, coalitionId, participantId, 'share');
    return row ? toMembership(row) : null;
  }

  private replanAfterLostRace(current: MembershipRow | null, change: MembershipChange): MembershipPlan {
    try {
      return planMembershipChange(current, { ...change, ifAbsent: 'refuse' });
    } catch (error) {
      if (!(error instanceof DomainError) || !current) throw error;
      throw new VersionConflict(
        `A concurrent write recorded this membership first (now ${current.status}, version ${current.version}): ${error.message}`,
        { currentVersion: current.version },
      );
    }
  }
}
