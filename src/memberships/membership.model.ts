import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ReportedFigure } from '../coalitions/coalition.model.js';
import { DatePrecision } from '../common/date-precision.js';
import { Retraction } from '../sources/retraction.model.js';
import type { Source } from '../sources/source.model.js';
import { DateScalar } from '../common/date.scalar.js';
import { Paginated } from '../common/pagination.js';
import { ParticipantKind } from '../participants/participant-kind.js';
import { MembershipStatus } from './membership-status.js';

@ObjectType('Membership', {
  description: "A participant's place in a coalition: status, since when, and the history behind it.",
})
export class Membership {
  @Field(() => ID, { description: 'Opaque identifier of this membership.' })
  id: string;

  coalitionId: string;
  participantId: string;

  @Field(() => MembershipStatus, { description: 'The status now, or on asOf when asked with it.' })
  status: MembershipStatus;

  @Field({ description: 'True only for COMMITTED members: an invitation alone is not participation.' })
  isParticipating: boolean;

  @Field({ description: 'Every membership begins with an invitation; invitedOn is null when no source dates it.' })
  invited: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'The date of the invitation; null when no source dates it.' })
  invitedOn: string | null;

  @Field(() => DateScalar, { description: 'The date of the event that set the current status.' })
  statusSince: string;

  @Field(() => DatePrecision, { description: 'How exactly the source dates statusSince.' })
  statusSincePrecision: DatePrecision;

  @Field(() => String, { nullable: true, description: 'A part the member plays, e.g. "convener and host".' })
  role: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What else the record says about this membership, e.g. why a date is uncertain; null if nothing.',
  })
  note: string | null;

  @Field(() => Int, { description: 'Pass as expectedVersion when changing this membership.' })
  version: number;

  @Field(() => DateScalar, { nullable: true, description: 'The date this view was taken at, when asked with asOf.' })
  asOf: string | null;

  /** Field values a page's statement already read, by response key (see membership-page-plan.ts). */
  embedded?: ReadonlyMap<string, unknown>;
}

@ObjectType('MembershipEvent', {
  description:
    "One entry of a membership's history: the status it took, from when, on whose word. A retracted entry stays on record with its retraction.",
})
export class MembershipEvent {
  @Field(() => ID, { description: 'Opaque identifier of this event.' })
  id: string;

  @Field(() => MembershipStatus, { description: 'The status the membership moved to.' })
  status: MembershipStatus;

  @Field(() => DateScalar, { description: 'The date the status took effect, as the sources date it.' })
  effectiveOn: string;

  @Field(() => DatePrecision, { description: 'How exactly the sources date effectiveOn.' })
  effectiveOnPrecision: DatePrecision;

  @Field({ description: 'True when effectiveOn is the date a source shows this status; it may have begun earlier.' })
  isAttested: boolean;

  @Field({ description: 'When the registry recorded the event (UTC); not when it happened.' })
  recordedAt: Date;

  @Field({ description: 'The name of the API key (or import) that recorded it.' })
  recordedBy: string;

  @Field(() => String, { nullable: true, description: 'What the recorder added about this change; null if nothing.' })
  note: string | null;

  @Field(() => Retraction, {
    nullable: true,
    description:
      'Why this event no longer counts (retracted, or replaced by a correction); null for a standing event, which status, stats and the timeline follow.',
  })
  retraction: Retraction | null;

  /** The id of the event this one corrects; the resolver loads it as `correctionOf`. */
  correctionOfId: string | null;

  /** Loaded with the event when the history is read; the resolver falls back to a loader. */
  sources?: Source[];
}

export const MembershipConnection = Paginated(Membership, 'Membership');

export enum MembershipOrderField {
  PARTICIPANT_NAME = 'PARTICIPANT_NAME',
  PARTICIPANT_CODE = 'PARTICIPANT_CODE',
  STATUS_SINCE = 'STATUS_SINCE',
  STATUS = 'STATUS',
}
registerEnumType(MembershipOrderField, {
  name: 'MembershipOrderField',
  description: 'What a roster page is sorted by.',
  valuesMap: {
    PARTICIPANT_NAME: { description: "The participant's name, alphabetically." },
    PARTICIPANT_CODE: { description: "The participant's code (ISO alpha-2 or acronym), alphabetically." },
    STATUS_SINCE: { description: 'The date of the current status, oldest first.' },
    STATUS: { description: 'The status name, alphabetically (COMMITTED, DECLINED, INVITED, WITHDRAWN).' },
  },
});

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Which way a sort goes.',
  valuesMap: {
    ASC: { description: 'Ascending: A to Z, oldest first.' },
    DESC: { description: 'Descending: Z to A, newest first.' },
  },
});

@InputType({ description: 'How to sort a roster page; ties are broken by membership, so pages stay stable.' })
export class MembershipOrder {
  @Field(() => MembershipOrderField, {
    defaultValue: MembershipOrderField.PARTICIPANT_NAME,
    description: 'What to sort by.',
  })
  field: MembershipOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Which way to sort.' })
  direction: OrderDirection;
}

@ObjectType({ description: 'How many memberships had one status.' })
export class StatusCount {
  @Field(() => MembershipStatus, { description: 'The status counted.' })
  status: MembershipStatus;

  @Field(() => Int, { description: 'Memberships with that status.' })
  count: number;
}

@ObjectType({ description: 'Memberships of one kind of participant (countries, or organisations).' })
export class KindCount {
  @Field(() => ParticipantKind, { description: 'The kind of participant counted.' })
  kind: ParticipantKind;

  @Field(() => Int, { description: 'Memberships on record, any status.' })
  total: number;

  @Field(() => Int, { description: 'Participating (COMMITTED) members.' })
  committed: number;
}

@ObjectType({ description: 'Memberships of participants from one region, e.g. "Europe" or "Americas".' })
export class RegionCount {
  @Field(() => String, { nullable: true, description: 'Null for international organisations.' })
  region: string | null;

  @Field(() => Int, { description: 'Memberships on record, any status.' })
  total: number;

  @Field(() => Int, { description: 'Participating (COMMITTED) members.' })
  committed: number;
}

@ObjectType('CoalitionStats', {
  description:
    'Counts over the named roster (members a source names) on a date. The reported headcounts, which name no one, are in `reported`.',
})
export class CoalitionStats {
  @Field(() => DateScalar, { description: 'The date the counts are taken at: the asOf asked, or today (UTC).' })
  asOf: string;

  @Field(() => Int, { description: 'Memberships on record on that date, any status.' })
  total: number;

  @Field(() => Int, { description: 'Participating members (status COMMITTED) on that date.' })
  committed: number;

  @Field(() => Int, { description: 'Invited and not participating (status INVITED).' })
  invitedNotParticipating: number;

  @Field(() => [StatusCount], {
    description: 'Memberships on that date by status, every status listed (zero included).',
  })
  byStatus: StatusCount[];

  @Field(() => [KindCount], { description: 'Memberships on that date by kind of participant.' })
  byKind: KindCount[];

  @Field(() => [RegionCount], { description: 'Memberships on that date by region.' })
  byRegion: RegionCount[];

  @Field(() => ReportedFigure, {
    nullable: true,
    description: 'The latest headcount a source reported on or before asOf (it names no members).',
  })
  reported: ReportedFigure | null;
}

export enum TimelineInterval {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(TimelineInterval, {
  name: 'TimelineInterval',
  description: 'The length of each period of a timeline (calendar periods, UTC).',
  valuesMap: {
    MONTH: { description: 'Calendar months.' },
    QUARTER: { description: 'Calendar quarters (January to March, April to June...).' },
    YEAR: { description: 'Calendar years.' },
  },
});

@ObjectType('TimelinePeriod', { description: 'Counts by status as they stood at the end of a period.' })
export class TimelinePeriod {
  @Field(() => DateScalar, { description: 'The first day of the period (clipped to `from`).' })
  start: string;

  @Field(() => DateScalar, { description: 'The date the counts are taken at (clipped to `to`).' })
  end: string;

  @Field(() => Int, { description: 'Memberships on record at the end of the period, any status.' })
  total: number;

  @Field(() => [StatusCount], { description: 'Memberships at the end of the period by status.' })
  byStatus: StatusCount[];
}
