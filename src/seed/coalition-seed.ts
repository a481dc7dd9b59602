import type { FigureQualifier } from '../coalitions/figure-qualifier.js';
import type { CommitmentStatus } from '../commitments/commitment-status.js';
import type { DatePrecision } from '../common/date-precision.js';
import type { LineOfEffort } from '../common/line-of-effort.js';
import type { MembershipStatus } from '../memberships/membership-status.js';

/**
 * The shape of a coalition's sourced facts, as gathered by researchers: every fact names its
 * sources by key. "attested" dates are the day a source shows a fact true (it may have begun earlier).
 */
export interface SourceSeed {
  title: string;
  publisher: string;
  publishedOn: string | null;
  precision?: `${DatePrecision}`;
  url: string | null;
  note?: string;
}

export interface CoalitionSeed {
  about: string;
  sources: Record<string, SourceSeed>;
  coalition: {
    slug: string;
    name: string;
    launchedOn: string;
    convener: string;
    foundingText: string;
    description: string;
    sources: string[];
    linesOfEffort: Array<{
      key: `${LineOfEffort}`;
      workingGroup: number;
      name: string;
      subGroups: string[];
      sources: string[];
    }>;
    events: Array<{ on: string; title: string; sources: string[] }>;
  };
  reportedFigures: Array<{
    reportedOn: string;
    precision?: `${DatePrecision}`;
    countries: number | null;
    countriesQualifier?: `${FigureQualifier}`;
    organizations: number | null;
    organizationsQualifier?: `${FigureQualifier}`;
    wording: string;
    sources: string[];
  }>;
  rosterNote: string;
  memberships: Array<{
    participant: string;
    kind?: 'INTERNATIONAL_ORGANIZATION';
    status: `${MembershipStatus}`;
    attested: string;
    precision?: `${DatePrecision}`;
    role?: string;
    note?: string;
    sources: string[];
  }>;
  engagedOrganizationsNotConfirmedAsMembers: Array<{
    acronym: string;
    name: string;
    note: string;
    sources: string[];
  }>;
  commitments: Array<{
    participants: string[];
    title: string;
    madeOn: string;
    /** True when a source shows the commitment on madeOn, which may then be later than when it was made. */
    isAttested: boolean;
    status: `${CommitmentStatus}`;
    lineOfEffort: `${LineOfEffort}` | null;
    description?: string;
    note?: string;
    sources: string[];
  }>;
}

/** International organisations the seed names by acronym only; their full names are common knowledge. */
export interface OrganizationSeed {
  acronym: string;
  name: string;
  aliases: string[];
}
