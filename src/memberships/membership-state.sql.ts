import { DatePrecision } from '../common/date-precision.js';
import { MembershipStatus, isParticipating } from './membership-status.js';
import type { Membership } from './membership.model.js';

/**
 * The state of a coalition's memberships as a SQL common table expression `state`, either as they
 * stand now (the membership row) or as they stood on a date (the latest event effective on or before
 * it: time travel answered from the event history). Parameters: $1 coalition id (or the SQL given as
 * `coalition`), $2 the date.
 */
export function membershipStateCte(isAsOf: boolean, coalition = '$1'): string {
  if (!isAsOf) {
    // `$2 IS NULL` names the absent date so that both forms take the same parameters.
    return `state AS (
      SELECT m.id, m.coalition_id, m.participant_id, m.status, m.status_since, m.status_since_precision,
             m.invited_on, m.role, m.note, m.version
        FROM membership m
       WHERE m.coalition_id = ${coalition} AND $2::date IS NULL)`;
  }
  return `state AS (
      SELECT m.id, m.coalition_id, m.participant_id, e.status, e.effective_on AS status_since,
             e.effective_on_precision AS status_since_precision,
             m.invited_on, m.role, m.note, m.version
        FROM membership m
        JOIN LATERAL (
              SELECT ev.status, ev.effective_on, ev.effective_on_precision
                FROM membership_event ev
               WHERE ev.membership_id = m.id AND ev.effective_on <= $2::date
               ORDER BY ev.effective_on DESC, ev.sequence DESC
               LIMIT 1) e ON true
       WHERE m.coalition_id = ${coalition})`;
}

export interface MembershipStateRow {
  id: string;
  coalition_id: string;
  participant_id: string;
  status: MembershipStatus;
  status_since: string;
  status_since_precision: DatePrecision;
  invited_on: string | null;
  role: string | null;
  note: string | null;
  version: number;
}

export const STATE_COLUMNS = `state.id, state.coalition_id, state.participant_id, state.status, state.status_since,
  state.status_since_precision, state.invited_on, state.role, state.note, state.version`;

export function toMembership(row: MembershipStateRow, asOf: string | null): Membership {
  return {
    id: row.id,
    coalitionId: row.coalition_id,
    participantId: row.participant_id,
    status: row.status,
    isParticipating: isParticipating(row.status),
    invited: true,
    invitedOn: row.invited_on,
    statusSince: row.status_since,
    statusSincePrecision: row.status_since_precision,
    role: row.role,
    note: row.note,
    version: row.version,
    asOf,
  };
}
