import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DatePrecision } from '../common/date-precision.js';
import { DateScalar } from '../common/date.scalar.js';
import { LineOfEffort } from '../common/line-of-effort.js';
import { FigureQualifier } from './figure-qualifier.js';

@ObjectType('Coalition')
export class Coalition {
  @Field(() => ID)
  id: string;

  @Field()
  slug: string;

  @Field(() => Int, {
    description: 'Raised by each update; send it back as `expectedVersion` to update the coalition.',
  })
  version: number;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'The founding document, e.g. a ministerial declaration.' })
  foundingText: string | null;

  @Field(() => DateScalar, { nullable: true })
  launchedOn: string | null;

  convenerId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the registry does not know about the roster, said plainly (e.g. that no public list exists).',
  })
  rosterNote: string | null;
}

@ObjectType('ReportedFigure', {
  description:
    'A headcount a source reported, in its own words. Kept apart from the named roster: a reported "84 countries" names no one.',
})
export class ReportedFigure {
  @Field(() => ID)
  id: string;

  @Field(() => DateScalar)
  reportedOn: string;

  @Field(() => DatePrecision, {
    description:
      'ON_OR_AFTER when `reportedOn` is only a lower bound: such a figure is listed by that date but never chosen by `stats(asOf:)`.',
  })
  reportedOnPrecision: DatePrecision;

  @Field(() => Int, { nullable: true })
  countries: number | null;

  @Field(() => FigureQualifier, { nullable: true })
  countriesQualifier: FigureQualifier | null;

  @Field(() => Int, { nullable: true })
  organizations: number | null;

  @Field(() => FigureQualifier, { nullable: true })
  organizationsQualifier: FigureQualifier | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'One count of countries and organisations together, when the source does not tell them apart ("97 countries and international organisations").',
  })
  combined: number | null;

  @Field(() => FigureQualifier, { nullable: true, description: 'How the source qualified `combined`.' })
  combinedQualifier: FigureQualifier | null;

  @Field(() => Int, {
    description: 'Raised by each change; send it back as `expectedVersion` to retract the figure.',
  })
  version: number;

  @Field({ description: 'The words of the source.' })
  wording: string;
}

@ObjectType('CoalitionEvent')
export class CoalitionEvent {
  @Field(() => ID)
  id: string;

  @Field(() => DateScalar)
  occurredOn: string;

  @Field()
  title: string;
}

@ObjectType('LineOfEffortGroup', { description: "One of the coalition's aims and the working group that pursues it." })
export class LineOfEffortGroup {
  @Field(() => ID)
  id: string;

  @Field(() => LineOfEffort)
  key: LineOfEffort;

  @Field(() => Int)
  workingGroup: number;

  @Field()
  name: string;

  @Field(() => [String])
  subGroups: string[];
}

@ObjectType('Engagement', {
  description:
    'A participant seen working with the coalition whom no source confirms as a member: known, but not on the roster.',
})
export class Engagement {
  @Field(() => ID)
  id: string;

  participantId: string;

  @Field()
  note: string;
}
