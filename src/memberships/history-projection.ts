import { citedFactJsonPairs } from '../sources/cited-sources.subquery.js';
import { EVENT_PLACE, toEvent, type HistoryRow } from './membership.repository.js';
import type { MembershipEvent } from './membership.model.js';

/**
 * What a page's statement reads of each MembershipEvent field it embeds, as `json_build_object`
 * arguments named like the field (or like the columns toEvent turns into it). A page reads only the
 * fields its query selects: the nested page's history JSON shrank from about 450 to 70 bytes an event
 * once it stopped carrying twelve columns nobody asked for (README, "The uncached engine").
 */
const EVENT_JSON: Readonly<Record<string, string>> = {
  id: `'id', e.id`,
  status: `'status', e.status`,
  effectiveOn: `'effectiveOn', e.effective_on`,
  effectiveOnPrecision: `'effectiveOnPrecision', e.effective_on_precision`,
  isAttested: `'isAttested', e.is_attested`,
  recordedAt: `'recordedAt', e.recorded_at`,
  recordedBy: `'recordedBy', e.recorded_by`,
  note: `'note', e.note`,
  // toEvent builds the retraction from these three, and turns recordedAt into a Date as it does so.
  retraction: `'recordedAt', e.recorded_at, 'retractedAt', e.retracted_at, 'retractedBy', e.retracted_by,
               'retractionReason', e.retraction_reason`,
  correctionOf: `'correctionOfId', e.correction_of`,
  __typename: '',
};

/**
 * The SQL of one membership's history as a JSON array, oldest first, for the membership whose id is
 * the SQL `membershipId`: each event carries the fields in `fields` (standing events only
 * unless `withRetracted`; $2 an optional date they must be effective by). Null when a field is not
 * one this projection knows, so that the resolver answers it instead.
 */
export function pageHistoryJson(
  fields: ReadonlySet<string>,
  withRetracted: boolean,
  sourceFields: ReadonlySet<string>,
): ((membershipId: string) => string) | null {
  const pairs = citedFactJsonPairs('membership_event', 'e.id', EVENT_JSON, fields, sourceFields);
  if (pairs === null) return null;
  const standing = withRetracted ? '' : ' AND e.retracted_at IS NULL';
  return (membershipId) =>
    `(SELECT coalesce(json_agg(json_build_object(${pairs}) ORDER BY e.effective_on, ${EVENT_PLACE}, e.sequence),
                      '[]'::json)
        FROM membership_event e
       WHERE e.membership_id = ${membershipId} AND ($2::date IS NULL OR e.effective_on <= $2::date)${standing})`;
}

/** A page's event JSON as the resolver's value: as parsed, unless it holds times to turn into Dates. */
export function eventFromPageJson(json: Record<string, unknown>): MembershipEvent {
  return 'recordedAt' in json ? toEvent(json as unknown as HistoryRow) : (json as unknown as MembershipEvent);
}
