import { today } from '../common/calendar-date.js';
import { DatePrecision } from '../common/date-precision.js';
import { InvalidInput, StandingHistoryBroken } from '../common/domain-errors.js';
import { canTransition, MembershipStatus } from './membership-status.js';

/** One standing event of a membership, as the replay reads it. */
export interface StandingEvent {
  id: string;
  status: MembershipStatus;
  effectiveOn: string;
  precision: DatePrecision;
  /** A source shows the status on that date: the first event may then be other than an invitation. */
  isAttested: boolean;
}

/** What a membership's row says, as its standing history implies it. */
export interface StandingState {
  status: MembershipStatus;
  statusSince: string;
  statusSincePrecision: DatePrecision;
  /** The latest invitation's date; null when no standing invitation dates it. */
  invitedOn: string | null;
}

/** Event precisions a membership's history holds (its table's CHECK says the same). */
const EVENT_PRECISIONS: readonly DatePrecision[] = [DatePrecision.DAY, DatePrecision.MONTH];

/** A membership event is dated to the day or the month; `argument` names the field that gave `precision`. */
export function assertEventPrecision(precision: DatePrecision, argument: string): void {
  if (!EVENT_PRECISIONS.includes(precision)) {
    throw new InvalidInput(argument, `${argument} must be ${EVENT_PRECISIONS.join(' or ')} for a membership event`);
  }
}

const described = (event: StandingEvent) => `event ${event.id} (${event.status} on ${event.effectiveOn})`;

/**
 * The one rule every retraction and correction is judged by: does the standing history (the events
 * not retracted, in the order they stand in: recording order, a correction taking its original's
 * place) replay through the state machine in date order? It must begin with an invitation (or a
 * status a source attests), move only along allowed transitions, never go back in time nor lie in the
 * future. Returns the state it ends in (what the membership row must say); throws StandingHistoryBroken
 * naming the first event that breaks it, with `argument` the input field the caller can fix.
 */
export function replayStandingHistory(events: readonly StandingEvent[], argument = 'id'): StandingState {
  const first = events[0];
  if (!first) {
    throw new StandingHistoryBroken(
      'This would leave the membership with no standing event; correct the event instead of retracting it',
      { argument },
    );
  }
  if (first.status !== MembershipStatus.INVITED && !first.isAttested) {
    throw new StandingHistoryBroken(
      `The standing history would begin with ${described(first)}: a membership begins with an invitation or a status a source attests`,
      { argument, event: first.id },
    );
  }
  let invitedOn: string | null = null;
  let previous: StandingEvent | undefined;
  for (const event of events) {
    if (event.effectiveOn > today()) {
      throw new StandingHistoryBroken(`${described(event)} cannot lie in the future`, { argument, event: event.id });
    }
    if (previous && event.effectiveOn < previous.effectiveOn) {
      throw new StandingHistoryBroken(`${described(event)} would precede the ${described(previous)} before it`, {
        argument,
        event: event.id,
      });
    }
    if (previous && !canTransition(previous.status, event.status)) {
      throw new StandingHistoryBroken(
        `The standing history would go from ${previous.status} to ${event.status} at ${described(event)}, which the membership state machine does not allow`,
        { argument, event: event.id },
      );
    }
    if (event.status === MembershipStatus.INVITED) invitedOn = event.effectiveOn;
    previous = event;
  }
  const last = previous!;
  return {
    status: last.status,
    statusSince: last.effectiveOn,
    statusSincePrecision: last.precision,
    invitedOn,
  };
}

/** One stretch of a standing history: `status` from `since` until the next event's date (null: to this day). */
export interface StandingPeriod {
  status: MembershipStatus;
  since: string;
  until: string | null;
}

/**
 * The periods a standing history (as replayStandingHistory accepts it) describes, one per event in its
 * order; a period ends on the day the next one begins, so a day two events share belongs to both.
 */
export function standingPeriods(events: readonly StandingEvent[]): StandingPeriod[] {
  return events.map((event, index) => ({
    status: event.status,
    since: event.effectiveOn,
    until: events[index + 1]?.effectiveOn ?? null,
  }));
}
