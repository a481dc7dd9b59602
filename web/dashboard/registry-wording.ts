import type { DatePrecision, FigureQualifier, MembershipStatus, ParticipantKind } from './registry-types';

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

/** A calendar date as the source dates it: "7 July 2023", or "July 2024" when it only gives the month. */
export function formatDate(isoDate: string, precision: DatePrecision = 'DAY'): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return (precision === 'MONTH' ? MONTH : DAY).format(date);
}

export function todayIsoDate(): string {
  return new Date().toISOString().slice(0, 10);
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
