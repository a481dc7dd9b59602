import { assertDateInOrder } from '../common/calendar-date.js';
import { InvalidInput } from '../common/domain-errors.js';
import { MembershipStatus } from '../memberships/membership-status.js';
import type { StandingPeriod } from '../memberships/standing-history.js';

/** The date rule: a commitment cannot precede the day its member became COMMITTED. */
const precedesCommitted = (madeOn: string, committedSince: string): boolean => madeOn < committedSince;

/**
 * Who may undertake something, and when: only a COMMITTED member, and not before the date it became
 * COMMITTED (nor in the future). `membership` is the member's state, held steady by the ledger while
 * the commitment is recorded; `participant` is how a refusal names the member.
 */
export function assertMayCommit(
  membership: { status: MembershipStatus; statusSince: string } | null,
  participant: string,
  madeOn: string,
): void {
  if (!membership || membership.status !== MembershipStatus.COMMITTED) {
    throw new InvalidInput(
      'participant',
      `${participant} is ${membership ? membership.status : 'not a member'}; a commitment can be recorded only for a COMMITTED member`,
    );
  }
  assertDateInOrder(madeOn, 'madeOn');
  if (precedesCommitted(madeOn, membership.statusSince)) {
    throw new InvalidInput(
      'madeOn',
      `madeOn (${madeOn}) cannot precede the date ${participant} became COMMITTED (${membership.statusSince})`,
    );
  }
}

/**
 * The same rule over a membership's whole standing history, as a retraction or correction of its
 * events would leave it: a standing commitment made on `madeOn` must lie in a period when the member
 * was COMMITTED, not before it began (a period's last day is the day the next event happened).
 */
export function isMadeWhileCommitted(madeOn: string, periods: readonly StandingPeriod[]): boolean {
  return periods.some(
    (period) =>
      period.status === MembershipStatus.COMMITTED &&
      !precedesCommitted(madeOn, period.since) &&
      (period.until === null || madeOn <= period.until),
  );
}
