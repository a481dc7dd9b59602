/** The shapes the dashboard reads from the public GraphQL API (see schema.gql at the project root). */

export type MembershipStatus = 'COMMITTED' | 'INVITED' | 'DECLINED' | 'WITHDRAWN';
export type ParticipantKind = 'COUNTRY' | 'INTERNATIONAL_ORGANIZATION';
export type DatePrecision = 'DAY' | 'MONTH' | 'ON_OR_AFTER';
export type FigureQualifier = 'ABOUT' | 'AT_LEAST' | 'EXACT' | 'MORE_THAN' | 'NEARLY';
export type MembershipOrderField = 'PARTICIPANT_NAME' | 'PARTICIPANT_CODE' | 'STATUS' | 'STATUS_SINCE';
export type OrderDirection = 'ASC' | 'DESC';

export interface SourceLink {
  title: string;
  url: string | null;
  publisher: string | null;
}

export interface ParticipantSummary {
  code: string;
  name: string;
  kind: ParticipantKind;
  region?: string | null;
}

export interface ReportedFigure {
  id: string;
  reportedOn: string;
  reportedOnPrecision: DatePrecision;
  countries: number | null;
  countriesQualifier: FigureQualifier | null;
  organizations: number | null;
  organizationsQualifier: FigureQualifier | null;
  /** Countries and organisations together, for a source that does not tell them apart. */
  combined: number | null;
  combinedQualifier: FigureQualifier | null;
  wording: string;
  sources: SourceLink[];
}

export interface CoalitionStats {
  asOf: string;
  total: number;
  committed: number;
  invitedNotParticipating: number;
  byKind: Array<{ kind: ParticipantKind; total: number; committed: number }>;
  byRegion: Array<{ region: string | null; total: number; committed: number }>;
}

export interface CoalitionSummary {
  slug: string;
  name: string;
}

export interface CoalitionOverview extends CoalitionSummary {
  description: string | null;
  launchedOn: string | null;
  rosterNote: string | null;
  convener: ParticipantSummary | null;
  reportedFigures: ReportedFigure[];
  stats: CoalitionStats;
}

/** One line of the named roster, as the table, the map and the search show it. */
export interface MembershipRow {
  id: string;
  status: MembershipStatus;
  isParticipating: boolean;
  statusSince: string;
  statusSincePrecision: DatePrecision;
  role: string | null;
  participant: ParticipantSummary;
  history: Array<{ effectiveOn: string; status: MembershipStatus; sources: SourceLink[] }>;
}

export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface MembershipPage {
  totalCount: number;
  pageInfo: PageInfo;
  nodes: MembershipRow[];
}

export interface MembershipEventDetail {
  id: string;
  effectiveOn: string;
  effectiveOnPrecision: DatePrecision;
  status: MembershipStatus;
  isAttested: boolean;
  note: string | null;
  sources: SourceLink[];
}

export interface CommitmentDetail {
  id: string;
  title: string;
  description: string | null;
  status: 'PLEDGED' | 'IN_PROGRESS' | 'FULFILLED' | 'WITHDRAWN';
  madeOn: string;
  isAttested: boolean;
  lineOfEffort: string | null;
  note: string | null;
  sources: SourceLink[];
}

export interface MembershipDetail {
  status: MembershipStatus;
  isParticipating: boolean;
  statusSince: string;
  statusSincePrecision: DatePrecision;
  role: string | null;
  note: string | null;
  invitedOn: string | null;
  history: MembershipEventDetail[];
  commitments: CommitmentDetail[];
}

export interface ParticipantDetail extends ParticipantSummary {
  aliases: string[];
  officialName?: string | null;
  subregion?: string | null;
  website?: string | null;
}
