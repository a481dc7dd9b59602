import { UsePipes } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { InputValidationPipe } from '../common/input-validation.js';
import { CurrentWriteRequest, type WriteRequest } from '../common/write-request.js';
import { ImportRosterInput, RosterImportResult } from './roster-import.model.js';
import { RosterImportService, type ImportReport } from './roster-import.service.js';

@UsePipes(InputValidationPipe)
@Resolver(() => RosterImportResult)
export class RosterImportResolver {
  constructor(private readonly imports: RosterImportService) {}

  @Mutation(() => RosterImportResult, {
    description:
      'Check (dryRun) or apply a published roster, line by line, as `npm run import` does: all lines or none. Admin.',
  })
  importRoster(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'Which coalition, the CSV text, and whether only to check it.' })
    input: ImportRosterInput,
  ): Promise<ImportReport> {
    return this.imports.importCsv(write, { coalition: input.coalition, csv: input.csv, isDryRun: input.dryRun });
  }
}
