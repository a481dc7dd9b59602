import { assertDateInOrder } from '../common/calendar-date.js';
import { InvalidInput } from '../common/domain-errors.js';
import { MembershipStatus } from '../memberships/membership-status.js';

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
  if (madeOn < membership.statusSince) {
    throw new InvalidInput(
      'madeOn',
      `madeOn (${madeOn}) cannot precede the date ${participant} became COMMITTED (${membership.statusSince})`,
    );
  }
}
