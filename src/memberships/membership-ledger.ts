import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WriteTransaction } from '../audit/write-transaction.js';
import { DatePrecision } from '../common/date-precision.js';
import { DomainError, InvalidInput, NotFound, VersionConflict } from '../common/domain-errors.js';
import { SourcesService, type CitedSource } from '../sources/sources.service.js';
import { planMembershipChange, type MembershipChange, type MembershipPlan } from './membership-change.js';
import { MembershipLedgerRepository, type RecordedEvent } from './membership-ledger.repository.js';
import type { MembershipStatus } from './membership-status.js';
import type { StandingHistoryChange, StandingHistoryCheck } from './standing-history-check.js';
import {
  assertEventPrecision,
  replayStandingHistory,
  standingPeriods,
  type StandingEvent,
} from './standing-history.js';
import { toMembership, type MembershipRow } from './membership.repository.js';
import type { Membership } from './membership.model.js';

const standingEvent = ({ id, status, effectiveOn, precision, isAttested }: RecordedEvent): StandingEvent => ({
  id,
  status,
  effectiveOn,
  precision,
  isAttested,
});

/** Withdraws one event from a membership's standing history: it stays on record, retracted, with the reason. */
export interface EventRetraction {
  eventId: string;
  reason: string;
  /** CONFLICT unless the membership is at this version; absent (a system writer), it is taken as it is. */
  expectedVersion?: number;
  /** On whose word the event is withdrawn; may be empty. */
  sources: readonly CitedSource[];
  /** The operation the audit entry names. */
  operation: string;
}

/**
 * Replaces one event by a corrected one: the old event is retracted with `reason`, the new one takes
 * its place in the history and cites `sources`. Each field left out is kept from the old event (a new
 * `effectiveOn` without `precision` is a day).
 */
export interface EventCorrection extends EventRetraction {
  status?: MembershipStatus;
  effectiveOn?: string;
  precision?: DatePrecision;
  isAttested?: boolean;
  note?: string | null;
}

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
  private readonly checks: StandingHistoryCheck[] = [];

  constructor(
    private readonly memberships: MembershipLedgerRepository,
    private readonly sources: SourcesService,
  ) {}

  /** Another feature's rule every retraction and correction must keep too (see StandingHistoryCheck). */
  addStandingHistoryCheck(check: StandingHistoryCheck): void {
    this.checks.push(check);
  }

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
   * Retracts one standing event (see EventRetraction), if the history without it still replays
   * (standing-history.ts); the membership's status and dates follow what then stands. Audited.
   */
  async retract(tx: WriteTransaction, retraction: EventRetraction): Promise<MembershipOutcome> {
    const { current, standing, target } = await this.lockEvent(tx.manager, retraction);
    const history = standing.filter((event) => event.id !== target.id).map(standingEvent);
    const state = replayStandingHistory(history, 'id');
    await this.assertChecksHold(tx.manager, current.id, history, { event: target.id, argument: 'id' });
    await this.memberships.retractEvent(tx.manager, target.id, tx.actor.name, retraction.reason);
    await this.sources.cite(tx.manager, 'membership_event_retraction', target.id, retraction.sources);
    return this.settle(tx, current, state, retraction.operation);
  }

  /**
   * The one way to correct a recorded event, for every writer (the API's correctMembershipEvent, a
   * dataset revision as a system actor): `tx` is an AuditedWriteService transaction, the correction
   * names the event by id (see EventCorrection). The old event is retracted with the reason, the new
   * one replaces it in place; refused (StandingHistoryBroken, naming the event) when the standing
   * history would no longer replay, InvalidInput when the precision is not a day or a month (the
   * table's CHECK), and NOT_FOUND / CONFLICT as for any write. Returns the membership
   * before and after, and the new event's id.
   */
  async correct(tx: WriteTransaction, correction: EventCorrection): Promise<MembershipOutcome & { eventId: string }> {
    if (correction.precision !== undefined) assertEventPrecision(correction.precision, 'effectiveOnPrecision');
    const { current, standing, target } = await this.lockEvent(tx.manager, correction);
    const corrected: StandingEvent = {
      id: target.id,
      status: correction.status ?? target.status,
      effectiveOn: correction.effectiveOn ?? target.effectiveOn,
      precision: correction.precision ?? (correction.effectiveOn === undefined ? target.precision : DatePrecision.DAY),
      isAttested: correction.isAttested ?? target.isAttested,
    };
    const note = correction.note === undefined ? target.note : correction.note;
    const isSame =
      corrected.status === target.status &&
      corrected.effectiveOn === target.effectiveOn &&
      corrected.precision === target.precision &&
      corrected.isAttested === target.isAttested &&
      note === target.note;
    if (isSame) {
      throw new InvalidInput('id', `The correction changes nothing of event ${target.id}: give a status, date or note`);
    }
    const isNewStatus = corrected.status !== target.status;
    const isNewDate = corrected.effectiveOn !== target.effectiveOn;
    // The field a refusal names: the one the correction changed, when it changed one of the two.
    const argument = isNewStatus === isNewDate ? 'id' : isNewStatus ? 'status' : 'effectiveOn';
    const history = standing.map((event) => (event.id === target.id ? corrected : standingEvent(event)));
    const state = replayStandingHistory(history, argument);
    await this.assertChecksHold(tx.manager, current.id, history, { event: target.id, argument });
    await this.memberships.retractEvent(tx.manager, target.id, tx.actor.name, correction.reason);
    const eventId = await this.memberships.insertEvent(tx.manager, {
      membershipId: current.id,
      status: corrected.status,
      effectiveOn: corrected.effectiveOn,
      precision: corrected.precision,
      isAttested: corrected.isAttested,
      recordedBy: tx.actor.name,
      note,
      correctionOf: target.id,
      place: target.place,
    });
    await this.sources.cite(tx.manager, 'membership_event', eventId, correction.sources);
    // The evidence for the new event is also the reason to withdraw the old one.
    await this.sources.cite(tx.manager, 'membership_event_retraction', target.id, correction.sources);
    const outcome = await this.settle(tx, current, state, correction.operation);
    return { ...outcome, eventId };
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

  /** The event's membership locked and at the expected version, its standing events, and the event among them. */
  private async lockEvent(
    manager: EntityManager,
    asked: { eventId: string; expectedVersion?: number },
  ): Promise<{ current: MembershipRow; standing: RecordedEvent[]; target: RecordedEvent }> {
    const found = await this.memberships.event(manager, asked.eventId);
    const current = found && (await this.memberships.lockById(manager, found.membershipId));
    if (!found || !current) throw new NotFound(`No membership event has the id ${asked.eventId}`, { argument: 'id' });
    if (asked.expectedVersion !== undefined && current.version !== asked.expectedVersion) {
      throw new VersionConflict(
        `The membership is at version ${current.version}, not ${asked.expectedVersion}: someone changed it; read it again`,
        { currentVersion: current.version },
      );
    }
    const standing = await this.memberships.standingEvents(manager, current.id);
    const target = standing.find((event) => event.id === found.id);
    if (!target) throw new InvalidInput('id', `Event ${found.id} is already retracted`);
    return { current, standing, target };
  }

  /** Every registered check (see StandingHistoryCheck) holds over the history a change would leave. */
  private async assertChecksHold(
    manager: EntityManager,
    membershipId: string,
    history: readonly StandingEvent[],
    change: StandingHistoryChange,
  ): Promise<void> {
    const periods = standingPeriods(history);
    for (const check of this.checks) await check.assertHolds(manager, membershipId, periods, change);
  }

  /** The membership row moved to what its standing history now says, one version on, and the audit entry. */
  private async settle(
    tx: WriteTransaction,
    current: MembershipRow,
    state: ReturnType<typeof replayStandingHistory>,
    operation: string,
  ): Promise<MembershipOutcome> {
    const row = await this.memberships.update(tx.manager, current.id, {
      ...current,
      status: state.status,
      status_since: state.statusSince,
      status_since_precision: state.statusSincePrecision,
      invited_on: state.invitedOn,
    });
    const before = toMembership(current);
    const after = toMembership(row);
    // The entry holds the membership alone, so each entry's `before` is the previous one's `after`
    // (the audit's chain); the events themselves carry who retracted what, when and why.
    const subject = { kind: 'MEMBERSHIP', id: after.id, coalitionId: after.coalitionId } as const;
    await tx.recordChange({ operation, before, after, subject });
    return { before, after, isChanged: true };
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
