import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** The service's RosterLineOutcome values, as a GraphQL enum. */
export enum RosterLineOutcome {
  NEW = 'NEW',
  CHANGE = 'CHANGE',
  NO_CHANGE = 'NO_CHANGE',
  ERROR = 'ERROR',
}

registerEnumType(RosterLineOutcome, {
  name: 'RosterLineOutcome',
  description: 'What became (or, in a dry run, would become) of one line of a roster.',
  valuesMap: {
    NEW: { description: 'A membership the registry did not have: it is (would be) created.' },
    CHANGE: { description: 'The membership moves (would move) to the status the line gives.' },
    NO_CHANGE: { description: 'The membership already has that status: nothing to write.' },
    ERROR: { description: 'The line is refused; `message` says why. Nothing of the file is applied.' },
  },
});

@InputType({ description: 'A published roster to check (dryRun) or apply, as `npm run import` takes it.' })
export class ImportRosterInput {
  @Field({ description: "The coalition's slug." })
  coalition: string;

  @Field({
    description:
      'CSV with a header row: participant,status,date,source_url,source_title,note (at most 128 KiB and 1000 rows).',
  })
  csv: string;

  @Field({ defaultValue: true, description: 'True: check every line and write nothing. False: apply, all or none.' })
  dryRun: boolean;
}

@ObjectType({ description: 'One line of a roster and what became of it.' })
export class RosterLine {
  @Field(() => Int, { description: 'The line of the file (the header is line 1).' })
  line: number;

  @Field({ description: 'The participant as the line names it.' })
  participant: string;

  @Field(() => RosterLineOutcome, { description: 'What the line does (or would do).' })
  outcome: RosterLineOutcome;

  @Field(() => String, { nullable: true, description: 'Why the line was refused (ERROR only).' })
  message: string | null;
}

@ObjectType({ description: 'The report of a roster import: counts and every line with its outcome.' })
export class RosterImportResult {
  @Field({ description: 'True when nothing was meant to be written.' })
  isDryRun: boolean;

  @Field({ description: 'True only when every line passed and the changes were written.' })
  isApplied: boolean;

  @Field(() => Int, { description: 'Memberships created (or that would be).' })
  created: number;

  @Field(() => Int, { description: 'Memberships whose status changed (or would).' })
  changed: number;

  @Field(() => Int, { description: 'Lines that change nothing.' })
  unchanged: number;

  @Field(() => [RosterLine], { description: 'Every line of the file, in order.' })
  lines: RosterLine[];
}
