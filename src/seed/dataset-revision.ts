import type { FigureQualifier } from '../coalitions/figure-qualifier.js';
import type { DatePrecision } from '../common/date-precision.js';
import type { MembershipStatus } from '../memberships/membership-status.js';
import type { CoalitionSeed, SourceSeed } from './coalition-seed.js';

/**
 * One numbered revision of the dataset the project ships: the sourced facts it adds or amends, each an
 * item a running registry receives once (see dataset-revisions.ts for the series, revision-item-rule.ts
 * for when an item may apply). A revision is never edited once shipped: a later fact is a new revision.
 */
export interface DatasetRevision {
  revision: number;
  note: string;
  /** The sources this revision's items cite, by key (keys of earlier revisions may be cited too). */
  sources: Record<string, SourceSeed>;
  items: RevisionItem[];
}

/** A coalition as first gathered, with all its facts (revision 1): loaded only if it is absent. */
export interface CoalitionItem {
  kind: 'coalition';
  facts: CoalitionSeed;
}

/** A member a source names, recorded as attested on that date (a new membership). */
export interface MembershipItem {
  kind: 'membership';
  coalition: string;
  participant: string;
  status: `${MembershipStatus}`;
  attested: string;
  precision?: `${DatePrecision}`;
  note?: string;
  sources: string[];
}

/**
 * An earlier (or otherwise better) sourced date for a member's first event: a correction of that
 * event through the ledger, which keeps the old one retracted with `reason`. Applies only while the
 * first standing event is still the one the dataset recorded (`corrects`).
 */
export interface MembershipCorrectionItem {
  kind: 'membershipCorrection';
  coalition: string;
  participant: string;
  corrects: { status: `${MembershipStatus}`; effectiveOn: string };
  attested: string;
  note?: string;
  reason: string;
  sources: string[];
}

/** A reported headcount; `precision: ON_OR_AFTER` when the source dates it only from a day on. */
export interface ReportedFigureItem {
  kind: 'reportedFigure';
  coalition: string;
  reportedOn: string;
  precision?: `${DatePrecision}`;
  countries: number | null;
  countriesQualifier?: `${FigureQualifier}`;
  organizations: number | null;
  organizationsQualifier?: `${FigureQualifier}`;
  combined?: number;
  combinedQualifier?: `${FigureQualifier}`;
  wording: string;
  sources: string[];
}

/** A participant a source links with the coalition without confirming it a member. */
export interface EngagementItem {
  kind: 'engagement';
  coalition: string;
  participant: string;
  note: string;
  sources: string[];
}

export type RevisionItem =
  CoalitionItem | MembershipItem | MembershipCorrectionItem | ReportedFigureItem | EngagementItem;

/** How a log line and the revision's record name an item. */
export function itemLabel(item: RevisionItem): string {
  switch (item.kind) {
    case 'coalition':
      return `coalition ${item.facts.coalition.slug}`;
    case 'membership':
      return `membership ${item.participant} of ${item.coalition}`;
    case 'membershipCorrection':
      return `first event of membership ${item.participant} of ${item.coalition}`;
    case 'reportedFigure':
      return `reported figure of ${item.coalition} on ${item.reportedOn}: ${item.wording}`;
    case 'engagement':
      return `engagement of ${item.participant} with ${item.coalition}`;
  }
}
