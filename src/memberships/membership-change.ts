import { assertDateInOrder } from '../common/calendar-date.js';
import { DatePrecision } from '../common/date-precision.js';
import { NotFound, TransitionNotAllowed, VersionConflict } from '../common/domain-errors.js';
import type { CitedSource } from '../sources/sources.service.js';
import { assertTransition, MembershipStatus } from './membership-status.js';
import type { MembershipRow, MembershipValues } from './membership.repository.js';

/** One change to a membership, as any writer asks the ledger for it (a mutation, the import, the seed). */
export interface MembershipChange {
  coalitionId: string;
  participantId: string;
  /** How a refusal names the two: the coalition's slug and the participant's code. */
  names: { coalition: string; participant: string };
  status: MembershipStatus;
  effectiveOn: string;
  precision?: DatePrecision;
  /** The input field that carries the date, for a refusal to name (invitedOn, effectiveOn, date). */
  dateField: string;
  /** A source shows the status on that date (it may have begun earlier): the import and the seed. */
  isAttested?: boolean;
  /**
   * When there is no membership yet: an invitation, the import and the seed create it (the last two
   * with the status a source attests); a status change is refused.
   */
  ifAbsent: 'create' | 'refuse';
  /** CONFLICT unless the membership is at this version; absent, the current version is taken as it is. */
  expectedVersion?: number;
  /** When the membership already has the status: a refused transition, or no change at all (the import). */
  ifSameStatus?: 'refuse' | 'unchanged';
  /** The event's note; an invitation also keeps it as the membership's note (see replacesMembershipNote). */
  note?: string | null;
  replacesMembershipNote?: boolean;
  /** A part the member plays; set when the membership is created (the seed). */
  role?: string | null;
  sources: readonly CitedSource[];
  /** The operation the audit entry names. */
  operation: string;
  /** Overrides the transaction's request id in the audit entry (the import names the line). */
  requestId?: string;
}

export type MembershipPlan =
  { kind: 'create'; values: MembershipValues } | { kind: 'update'; values: MembershipValues } | { kind: 'unchanged' };

/**
 * The rules of one change, as a pure function of the membership as it stands (locked by the ledger)
 * and the change asked for: the version check, the state machine, the date order (a new event may not
 * precede the current status, which is the latest event: the ledger keeps statusSince so). Throws the
 * domain error of the first rule broken; otherwise says what the ledger writes.
 */
export function planMembershipChange(current: MembershipRow | null, change: MembershipChange): MembershipPlan {
  const precision = change.precision ?? DatePrecision.DAY;
  const note = change.note ?? null;
  if (!current) {
    if (change.ifAbsent === 'refuse') {
      throw new NotFound(
        `${change.names.participant} has no membership of ${change.names.coalition}; record an invitation first`,
      );
    }
    if (change.status !== MembershipStatus.INVITED && !change.isAttested) {
      throw new TransitionNotAllowed(`A membership begins with an invitation, not ${change.status}`, {
        to: change.status,
      });
    }
    assertDateInOrder(change.effectiveOn, change.dateField);
    return {
      kind: 'create',
      values: {
        coalition_id: change.coalitionId,
        participant_id: change.participantId,
        status: change.status,
        status_since: change.effectiveOn,
        status_since_precision: precision,
        // An invitation is dated only when the invitation itself is what is recorded.
        invited_on: change.status === MembershipStatus.INVITED ? change.effectiveOn : null,
        role: change.role ?? null,
        note,
      },
    };
  }
  if (change.expectedVersion !== undefined && current.version !== change.expectedVersion) {
    throw new VersionConflict(
      `The membership is at version ${current.version}, not ${change.expectedVersion}: someone changed it; read it again`,
      { currentVersion: current.version },
    );
  }
  if (current.status === change.status && change.ifSameStatus === 'unchanged') return { kind: 'unchanged' };
  assertTransition(current.status, change.status);
  assertDateInOrder(change.effectiveOn, change.dateField, current.status_since);
  return {
    kind: 'update',
    values: {
      ...current,
      status: change.status,
      status_since: change.effectiveOn,
      status_since_precision: precision,
      invited_on: change.status === MembershipStatus.INVITED ? change.effectiveOn : current.invited_on,
      note: change.replacesMembershipNote && note !== null ? note : current.note,
    },
  };
}
