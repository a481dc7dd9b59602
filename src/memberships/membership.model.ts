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
  @Field(() => ID)
  id: string;

  coalitionId: string;
  participantId: string;

  @Field(() => MembershipStatus)
  status: MembershipStatus;

  @Field({ description: 'True only for COMMITTED members: an invitation alone is not participation.' })
  isParticipating: boolean;

  @Field({ description: 'Every membership begins with an invitation; invitedOn is null when no source dates it.' })
  invited: boolean;

  @Field(() => DateScalar, { nullable: true })
  invitedOn: string | null;

  @Field(() => DateScalar, { description: 'The date of the event that set the current status.' })
  statusSince: string;

  @Field(() => DatePrecision)
  statusSincePrecision: DatePrecision;

  @Field(() => String, { nullable: true, description: 'A part the member plays, e.g. "convener and host".' })
  role: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Int, { description: 'Pass as expectedVersion when changing this membership.' })
  version: number;

  @Field(() => DateScalar, { nullable: true, description: 'The date this view was taken at, when asked with asOf.' })
  asOf: string | null;
}

@ObjectType('MembershipEvent', {
  description:
    "One entry of a membership's history: the status it took, from when, on whose word. A retracted entry stays on record with its retraction.",
})
export class MembershipEvent {
  @Field(() => ID)
  id: string;

  @Field(() => MembershipStatus)
  status: MembershipStatus;

  @Field(() => DateScalar)
  effectiveOn: string;

  @Field(() => DatePrecision)
  effectiveOnPrecision: DatePrecision;

  @Field({ description: 'True when effectiveOn is the date a source shows this status; it may have begun earlier.' })
  isAttested: boolean;

  @Field()
  recordedAt: Date;

  @Field({ description: 'The name of the API key (or import) that recorded it.' })
  recordedBy: string;

  @Field(() => String, { nullable: true })
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
registerEnumType(MembershipOrderField, { name: 'MembershipOrderField' });

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@InputType()
export class MembershipOrder {
  @Field(() => MembershipOrderField, { defaultValue: MembershipOrderField.PARTICIPANT_NAME })
  field: MembershipOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction: OrderDirection;
}

@ObjectType()
export class StatusCount {
  @Field(() => MembershipStatus)
  status: MembershipStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class KindCount {
  @Field(() => ParticipantKind)
  kind: ParticipantKind;

  @Field(() => Int, { description: 'Memberships on record, any status.' })
  total: number;

  @Field(() => Int, { description: 'Participating (COMMITTED) members.' })
  committed: number;
}

@ObjectType()
export class RegionCount {
  @Field(() => String, { nullable: true, description: 'Null for international organisations.' })
  region: string | null;

  @Field(() => Int)
  total: number;

  @Field(() => Int)
  committed: number;
}

@ObjectType('CoalitionStats', {
  description:
    'Counts over the named roster (members a source names) on a date. The reported headcounts, which name no one, are in `reported`.',
})
export class CoalitionStats {
  @Field(() => DateScalar)
  asOf: string;

  @Field(() => Int, { description: 'Memberships on record on that date, any status.' })
  total: number;

  @Field(() => Int)
  committed: number;

  @Field(() => Int, { description: 'Invited and not participating (status INVITED).' })
  invitedNotParticipating: number;

  @Field(() => [StatusCount])
  byStatus: StatusCount[];

  @Field(() => [KindCount])
  byKind: KindCount[];

  @Field(() => [RegionCount])
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
registerEnumType(TimelineInterval, { name: 'TimelineInterval' });

@ObjectType('TimelinePeriod', { description: 'Counts by status as they stood at the end of a period.' })
export class TimelinePeriod {
  @Field(() => DateScalar)
  start: string;

  @Field(() => DateScalar, { description: 'The date the counts are taken at (clipped to `to`).' })
  end: string;

  @Field(() => Int)
  total: number;

  @Field(() => [StatusCount])
  byStatus: StatusCount[];
}
