import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DatePrecision } from '../common/date-precision.js';
import { DateScalar } from '../common/date.scalar.js';
import { LineOfEffort } from '../common/line-of-effort.js';
import { FigureQualifier } from './figure-qualifier.js';

@ObjectType('Coalition', {
  description:
    'An international coalition: its founding facts, its named roster of members, the headcounts sources reported and the events on record.',
})
export class Coalition {
  @Field(() => ID, { description: 'Opaque identifier; use slug to look a coalition up.' })
  id: string;

  @Field({ description: 'Short stable name in URLs and queries, e.g. "synthetic-drug-threats".' })
  slug: string;

  @Field({ description: 'Full name, e.g. "Global Coalition to Address Synthetic Drug Threats".' })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the coalition is for, in a few sentences; null if none recorded.',
  })
  description: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The founding document, e.g. a ministerial declaration; null if none recorded.',
  })
  foundingText: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The date the coalition was launched; null if no source dates it.',
  })
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
  @Field(() => ID, { description: 'Opaque identifier of this figure.' })
  id: string;

  @Field(() => DateScalar, { description: 'The date the source gives the figure for (see reportedOnPrecision).' })
  reportedOn: string;

  @Field(() => DatePrecision, { description: 'How exactly the source dates the figure.' })
  reportedOnPrecision: DatePrecision;

  @Field(() => Int, { nullable: true, description: 'Number of countries the source reported; null if it gave none.' })
  countries: number | null;

  @Field(() => FigureQualifier, {
    nullable: true,
    description: 'How the source qualified the number of countries; null when countries is null.',
  })
  countriesQualifier: FigureQualifier | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Number of international organisations the source reported; null if it gave none.',
  })
  organizations: number | null;

  @Field(() => FigureQualifier, {
    nullable: true,
    description: 'How the source qualified the number of organisations; null when organizations is null.',
  })
  organizationsQualifier: FigureQualifier | null;

  @Field({ description: 'The words of the source, quoted.' })
  wording: string;
}

@ObjectType('CoalitionEvent', {
  description: "A dated event in the coalition's life, e.g. a ministerial meeting or a summit, with its sources.",
})
export class CoalitionEvent {
  @Field(() => ID, { description: 'Opaque identifier of this event.' })
  id: string;

  @Field(() => DateScalar, { description: 'The date the event took place.' })
  occurredOn: string;

  @Field({ description: 'What happened, e.g. "Virtual ministerial launch; Ministerial Declaration adopted".' })
  title: string;
}

@ObjectType('LineOfEffortGroup', { description: "One of the coalition's aims and the working group that pursues it." })
export class LineOfEffortGroup {
  @Field(() => ID, { description: 'Opaque identifier of this line of effort.' })
  id: string;

  @Field(() => LineOfEffort, { description: 'Which aim this is; commitments name it by this key.' })
  key: LineOfEffort;

  @Field(() => Int, { description: 'The number of the working group that pursues it (1, 2, 3...).' })
  workingGroup: number;

  @Field({ description: "The aim in the coalition's own words." })
  name: string;

  @Field(() => [String], {
    description:
      'The working group\'s sub-groups as the coalition names them, e.g. "1.1 Manufacturing of Synthetic Drugs and their Precursors"; empty if none.',
  })
  subGroups: string[];
}

@ObjectType('Engagement', {
  description:
    'A participant seen working with the coalition whom no source confirms as a member: known, but not on the roster.',
})
export class Engagement {
  @Field(() => ID, { description: 'Opaque identifier of this engagement.' })
  id: string;

  participantId: string;

  @Field({ description: 'What the participant was seen doing with the coalition, per the sources.' })
  note: string;
}
