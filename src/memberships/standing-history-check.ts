import type { EntityManager } from 'typeorm';
import type { StandingPeriod } from './standing-history.js';

/** The retraction or correction being judged, as a refusal names it. */
export interface StandingHistoryChange {
  /** The event retracted or corrected. */
  event: string;
  /** The input field the caller can fix. */
  argument: string;
}

/**
 * A rule another feature keeps over a membership's standing history (the commitments': each standing
 * commitment was made while its member was COMMITTED). The owning module registers it with the
 * membership ledger at start (MembershipLedger.addStandingHistoryCheck), so memberships need not
 * import it. The ledger asks every check, with the membership locked and before it writes, whether
 * the periods a retraction or correction would leave still hold; a check refuses by throwing a
 * DomainError (StandingHistoryBroken, naming the event).
 */
export interface StandingHistoryCheck {
  assertHolds(
    manager: EntityManager,
    membershipId: string,
    periods: readonly StandingPeriod[],
    change: StandingHistoryChange,
  ): Promise<void>;
}
