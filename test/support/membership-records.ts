import { isDeepStrictEqual } from 'node:util';
import type { DataSource } from 'typeorm';
import { canTransition, type MembershipStatus } from '../../src/memberships/membership-status.js';

/** A membership as the database holds it: the row, its history, and its audit entries, oldest first. */
export interface MembershipRecord {
  id: string;
  code: string;
  status: MembershipStatus;
  version: number;
  statusSince: string;
  /** The standing events (a retracted or corrected one left out), in the history's order. */
  events: Array<{ status: MembershipStatus; effectiveOn: string }>;
  /** Every event ever recorded, retracted ones included: a correction is one change and one event. */
  recordedEvents: number;
  audits: Array<{ operation: string; before: Record<string, unknown> | null; after: Record<string, unknown> }>;
  /** Titles of its commitments, in order, and how many audit entries record a commitment of it. */
  commitments: string[];
  commitmentAudits: number;
}

/** The records of these participants' memberships of a coalition (absent ones are left out). */
export async function membershipRecords(
  db: DataSource,
  coalition: string,
  codes: string[],
): Promise<Map<string, MembershipRecord>> {
  const rows: MembershipRecord[] = await db.query(
    `SELECT m.id, p.code, m.status, m.version, m.status_since AS "statusSince",
            (SELECT json_agg(json_build_object('status', e.status, 'effectiveOn', e.effective_on)
                             ORDER BY e.effective_on, coalesce(e.place, e.sequence))
               FROM membership_event e WHERE e.membership_id = m.id AND e.retracted_at IS NULL) AS events,
            (SELECT count(*)::int FROM membership_event e WHERE e.membership_id = m.id) AS "recordedEvents",
            (SELECT coalesce(json_agg(json_build_object('operation', a.operation, 'before', a.before, 'after', a.after) ORDER BY a.id), '[]')
               FROM audit_entry a WHERE a.after->>'id' = m.id::text) AS audits,
            (SELECT coalesce(json_agg(c.title ORDER BY c.title), '[]') FROM commitment c WHERE c.membership_id = m.id) AS commitments,
            (SELECT count(*)::int FROM audit_entry a
              WHERE a.before IS NULL AND a.after->>'membershipId' = m.id::text) AS "commitmentAudits"
       FROM membership m JOIN participant p ON p.id = m.participant_id JOIN coalition c ON c.id = m.coalition_id
      WHERE c.slug = $1 AND p.code = ANY($2::text[])`,
    [coalition, codes],
  );
  return new Map(rows.map((row) => [row.code, row]));
}

/**
 * What must hold of every membership the ledger wrote, as a list of what does not: its standing
 * history replays to its status through allowed transitions, in date order; each change is one event
 * (a correction too), one audit entry and one version; each audit entry's `before` is exactly the
 * previous entry's `after`.
 */
export function brokenInvariants(record: MembershipRecord): string[] {
  const broken: string[] = [];
  const { events, audits } = record;
  const last = events.at(-1);
  if (!last) return [`${record.code} has no history`];
  if (last.status !== record.status) broken.push(`history ends at ${last.status}, the status is ${record.status}`);
  if (last.effectiveOn !== record.statusSince)
    broken.push(`statusSince ${record.statusSince} is not ${last.effectiveOn}`);
  events.forEach((event, index) => {
    const previous = events[index - 1];
    if (!previous) return;
    if (!canTransition(previous.status, event.status))
      broken.push(`history goes ${previous.status} -> ${event.status}`);
    if (event.effectiveOn < previous.effectiveOn) broken.push(`event ${index} is dated before event ${index - 1}`);
  });
  const recorded = record.recordedEvents;
  if (record.version !== recorded) broken.push(`version ${record.version} after ${recorded} events`);
  if (audits.length !== recorded) broken.push(`${audits.length} audit entries for ${recorded} events`);
  audits.forEach((entry, index) => {
    const expectedBefore = index === 0 ? null : audits[index - 1].after;
    if (!isDeepStrictEqual(entry.before, expectedBefore)) broken.push(`audit entry ${index} has a false before`);
    if (entry.after.version !== index + 1)
      broken.push(`audit entry ${index} is at version ${String(entry.after.version)}`);
    if (recorded === events.length && entry.after.status !== events[index]?.status)
      broken.push(`audit entry ${index} does not match event ${index}`);
  });
  if (record.commitmentAudits !== record.commitments.length) {
    broken.push(`${record.commitmentAudits} audit entries for ${record.commitments.length} commitments`);
  }
  const latest = audits.at(-1)?.after;
  if (latest && (latest.status !== record.status || latest.version !== record.version)) {
    broken.push('the last audit entry is not the membership as it stands');
  }
  return broken;
}
