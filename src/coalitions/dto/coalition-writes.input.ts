import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { DatePrecision } from '../../common/date-precision.js';
import { DateScalar } from '../../common/date.scalar.js';
import { INPUT_LIMITS } from '../../common/input-rules.js';
import { OptionalText, RequiredText } from '../../common/input-validation.js';
import { SourceInput } from '../../sources/source.input.js';
import { FigureQualifier } from '../figure-qualifier.js';

const COALITION = 'The coalition\'s slug, e.g. "synthetic-drug-threats".';
const SOURCE = 'The source that attests it.';
const VERSION = 'The version as you read it; a different one is a CONFLICT (someone changed it since).';

@InputType({ description: 'A new coalition and the source that attests it.' })
export class CreateCoalitionInput {
  @Field({
    description: 'Its address in the API: lower-case letters, digits and hyphens, e.g. "synthetic-drug-threats".',
  })
  slug: string;

  @RequiredText(INPUT_LIMITS.coalitionName)
  @Field({ description: 'Its name, as its founders write it.' })
  name: string;

  @OptionalText(INPUT_LIMITS.coalitionDescription)
  @Field(() => String, { nullable: true, description: 'What it is for, in a few sentences.' })
  description?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was launched; not in the future.' })
  launchedOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who convened it: an ISO country code or an organisation acronym the registry knows.',
  })
  convener?: string | null;

  @OptionalText(INPUT_LIMITS.rosterNote)
  @Field(() => String, {
    nullable: true,
    description: 'What the registry does not know about the roster, said plainly (e.g. that no public list exists).',
  })
  rosterNote?: string | null;

  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput, { description: SOURCE })
  source: SourceInput;
}

@InputType({
  description:
    'Changes to a coalition: a field left out stays as it is; null (or blank) clears a field that may be empty.',
})
export class UpdateCoalitionInput {
  @Field({ description: 'The coalition to change.' })
  slug: string;

  @Field(() => Int, { description: VERSION })
  expectedVersion: number;

  @OptionalText(INPUT_LIMITS.coalitionName)
  @Field(() => String, { nullable: true, description: 'A new name (it cannot be cleared).' })
  name?: string | null;

  @OptionalText(INPUT_LIMITS.coalitionDescription)
  @Field(() => String, { nullable: true, description: 'A new description.' })
  description?: string | null;

  @OptionalText(INPUT_LIMITS.rosterNote)
  @Field(() => String, { nullable: true, description: 'A new note on what the registry does not know of the roster.' })
  rosterNote?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'A new launch date; not in the future.' })
  launchedOn?: string | null;
}

@InputType({
  description:
    'A headcount a source reported, in its own words: countries, organisations, or both together (`combined`), at least one of them.',
})
export class RecordReportedFigureInput {
  @Field({ description: COALITION })
  coalition: string;

  @Field(() => DateScalar, {
    description: 'The day the source reported it; with ON_OR_AFTER, the first day it can be from. Not in the future.',
  })
  reportedOn: string;

  @Field(() => DatePrecision, {
    defaultValue: DatePrecision.DAY,
    description: 'DAY, MONTH, or ON_OR_AFTER for a figure whose source gives only a lower bound for its date.',
  })
  reportedOnPrecision: DatePrecision;

  @Field(() => Int, { nullable: true, description: 'How many countries.' })
  countries?: number | null;

  @Field(() => FigureQualifier, {
    nullable: true,
    description: 'How the source qualified `countries`; EXACT if left out.',
  })
  countriesQualifier?: FigureQualifier | null;

  @Field(() => Int, { nullable: true, description: 'How many international organisations.' })
  organizations?: number | null;

  @Field(() => FigureQualifier, {
    nullable: true,
    description: 'How the source qualified `organizations`; EXACT if left out.',
  })
  organizationsQualifier?: FigureQualifier | null;

  @Field(() => Int, {
    nullable: true,
    description: 'One count of countries and organisations together, for a source that does not tell them apart.',
  })
  combined?: number | null;

  @Field(() => FigureQualifier, {
    nullable: true,
    description: 'How the source qualified `combined`; EXACT if left out.',
  })
  combinedQualifier?: FigureQualifier | null;

  @RequiredText(INPUT_LIMITS.figureWording)
  @Field({ description: 'The words of the source, e.g. "more than 100 countries and 11 international organizations".' })
  wording: string;

  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput, { description: SOURCE })
  source: SourceInput;
}

@InputType({ description: 'Withdraw a reported figure: it stays on record with the reason, out of lists and stats.' })
export class RetractReportedFigureInput {
  @Field(() => ID, { description: 'The figure to withdraw.' })
  id: string;

  @RequiredText(INPUT_LIMITS.retractionReason)
  @Field({ description: 'Why the figure no longer counts (e.g. the source corrected itself).' })
  reason: string;

  @Field(() => Int, { description: VERSION })
  expectedVersion: number;

  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput, { nullable: true, description: 'The source on whose word it is withdrawn, if any.' })
  source?: SourceInput | null;
}

@InputType({ description: 'Something that happened to a coalition as a whole: a launch, a summit, a report.' })
export class RecordCoalitionEventInput {
  @Field({ description: COALITION })
  coalition: string;

  @RequiredText(INPUT_LIMITS.coalitionEventTitle)
  @Field({ description: 'What happened, e.g. "Global Coalition summit in New York".' })
  title: string;

  @Field(() => DateScalar, { description: 'The day it happened; not in the future.' })
  occurredOn: string;

  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput, { description: SOURCE })
  source: SourceInput;
}

@InputType({
  description:
    'A participant seen working with a coalition whom no source confirms as a member: an organisation, or a country reported but unconfirmed.',
})
export class RecordEngagementInput {
  @Field({ description: COALITION })
  coalition: string;

  @Field({ description: 'The participant: ISO country code or organisation acronym.' })
  participant: string;

  @RequiredText(INPUT_LIMITS.note)
  @Field({ description: 'What the source says it did, e.g. "presented in Sub-Working Group 3.2 (July 2024)".' })
  note: string;

  @ValidateNested()
  @Type(() => SourceInput)
  @Field(() => SourceInput, { description: SOURCE })
  source: SourceInput;
}
