import { JsonTuple, type JsonTable } from '../database/json-tuple.js';
import { citedFactJsonFields } from '../sources/cited-sources.subquery.js';
import { EVENT_PLACE, toEvent, type HistoryRow } from './membership.repository.js';
import type { MembershipEvent } from './membership.model.js';

/**
 * What a page's statement reads of each MembershipEvent field it embeds, as JSON fields named like
 * the field (or like the columns toEvent turns into it). A page reads only the fields its query
 * selects: the nested page's history JSON shrank from about 450 to 70 bytes an event once it stopped
 * carrying twelve columns nobody asked for (README, "The uncached engine").
 */
const EVENT_JSON: JsonTable = {
  id: { id: 'e.id' },
  status: { status: 'e.status' },
  effectiveOn: { effectiveOn: 'e.effective_on' },
  effectiveOnPrecision: { effectiveOnPrecision: 'e.effective_on_precision' },
  isAttested: { isAttested: 'e.is_attested' },
  recordedAt: { recordedAt: 'e.recorded_at' },
  recordedBy: { recordedBy: 'e.recorded_by' },
  note: { note: 'e.note' },
  // toEvent builds the retraction from these four, and turns recordedAt into a Date as it does so.
  retraction: {
    recordedAt: 'e.recorded_at',
    retractedAt: 'e.retracted_at',
    retractedBy: 'e.retracted_by',
    retractionReason: 'e.retraction_reason',
  },
  correctionOf: { correctionOfId: 'e.correction_of' },
  __typename: {},
};

/** The SQL of a page's embedded history and how its JSON becomes the resolver's value. */
export interface PageHistory {
  /** The history of the membership whose id is the SQL `membershipId`, as a JSON array, oldest first. */
  sql(membershipId: string): string;
  fromJson(json: unknown): MembershipEvent[];
}

/**
 * A membership's history as a page's statement reads it: each event carries the fields in `fields`
 * (standing events only unless `withRetracted`; $2 an optional date they must be effective by), sent
 * as a tuple (json-tuple.ts). Null when a field is not one this projection knows, so that the
 * resolver answers it instead.
 */
export function pageHistoryJson(
  fields: ReadonlySet<string>,
  withRetracted: boolean,
  sourceFields: ReadonlySet<string>,
): PageHistory | null {
  const eventFields = citedFactJsonFields('membership_event', 'e.id', EVENT_JSON, fields, sourceFields);
  if (eventFields === null) return null;
  const event = new JsonTuple(eventFields);
  const standing = withRetracted ? '' : ' AND e.retracted_at IS NULL';
  // An event with a time (recordedAt) goes through toEvent, which turns it into a Date.
  const hasTimes = eventFields.some((field) => field.key === 'recordedAt');
  return {
    sql: (membershipId) =>
      `(SELECT coalesce(json_agg(${event.sql} ORDER BY e.effective_on, ${EVENT_PLACE}, e.sequence), '[]'::json)
          FROM membership_event e
         WHERE e.membership_id = ${membershipId} AND ($2::date IS NULL OR e.effective_on <= $2::date)${standing})`,
    fromJson: (json) =>
      event
        .readList(json)
        .map((read) => (hasTimes ? toEvent(read as unknown as HistoryRow) : (read as unknown as MembershipEvent))),
  };
}
