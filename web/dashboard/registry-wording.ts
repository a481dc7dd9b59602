import type {
  DatePrecision,
  FigureQualifier,
  MembershipStatus,
  ParticipantKind,
  ReportedFigure,
} from './registry-types';

/** How the page names each status: an invitation is never shown as participation. */
export const STATUS_LABEL: Record<MembershipStatus, string> = {
  COMMITTED: 'Participating',
  INVITED: 'Invited, not participating',
  DECLINED: 'Declined',
  WITHDRAWN: 'Withdrew',
};

export const STATUS_ORDER: MembershipStatus[] = ['COMMITTED', 'INVITED', 'DECLINED', 'WITHDRAWN'];

export const KIND_LABEL: Record<ParticipantKind, string> = {
  COUNTRY: 'Country',
  INTERNATIONAL_ORGANIZATION: 'Organisation',
};

const QUALIFIER_WORDS: Record<FigureQualifier, string> = {
  EXACT: '',
  ABOUT: 'about',
  AT_LEAST: 'at least',
  MORE_THAN: 'more than',
  NEARLY: 'nearly',
};

export function qualifierWords(qualifier: FigureQualifier | null): string {
  return qualifier ? QUALIFIER_WORDS[qualifier] : '';
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * A calendar date as the source dates it: "7 July 2023", "July 2024" when it only gives the month,
 * "on or after 24 September 2024" when the date is only a lower bound.
 */
export function formatDate(isoDate: string, precision: DatePrecision = 'DAY'): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (precision === 'ON_OR_AFTER') return `on or after ${DAY.format(date)}`;
  return (precision === 'MONTH' ? MONTH : DAY).format(date);
}

/** One count of a reported figure as the page words it: "more than 100" of "countries". */
export interface FigureCount {
  qualifier: string;
  count: number;
  noun: string;
}

/**
 * What a reported figure counts, in order: countries, organisations, and a combined count of both
 * ("97 countries and organisations") for a source that does not tell them apart.
 */
export function figureCounts(figure: ReportedFigure): FigureCount[] {
  const counts: FigureCount[] = [];
  const add = (count: number | null, qualifier: FigureQualifier | null, noun: string) => {
    if (count !== null) counts.push({ count, qualifier: qualifierWords(qualifier), noun });
  };
  add(figure.countries, figure.countriesQualifier, 'countries');
  add(figure.organizations, figure.organizationsQualifier, 'organisations');
  add(figure.combined, figure.combinedQualifier, 'countries and organisations');
  return counts;
}

export function todayIsoDate(): string {
  return new Date().toISOString().slice(0, 10);
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
