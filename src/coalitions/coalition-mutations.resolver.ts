import { UsePipes } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { InputValidationPipe } from '../common/input-validation.js';
import { CurrentWriteRequest, type WriteRequest } from '../common/write-request.js';
import { CoalitionMutationsService } from './coalition-mutations.service.js';
import { Coalition, CoalitionEvent, Engagement, ReportedFigure } from './coalition.model.js';
import {
  CreateCoalitionInput,
  RecordCoalitionEventInput,
  RecordEngagementInput,
  RecordReportedFigureInput,
  RetractReportedFigureInput,
  UpdateCoalitionInput,
} from './dto/coalition-writes.input.js';

@UsePipes(InputValidationPipe)
@Resolver(() => Coalition)
export class CoalitionMutationsResolver {
  constructor(private readonly writes: CoalitionMutationsService) {}

  @Mutation(() => Coalition, { description: 'Add a coalition, with the source that attests it. Admin.' })
  createCoalition(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'The new coalition, with its source.' }) input: CreateCoalitionInput,
  ) {
    return this.writes.createCoalition(write, input);
  }

  @Mutation(() => Coalition, {
    description: "Change a coalition's name, description, roster note or launch date. Admin.",
  })
  updateCoalition(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'Which coalition, the version you read, and the fields to change.' })
    input: UpdateCoalitionInput,
  ) {
    return this.writes.updateCoalition(write, input);
  }

  @Mutation(() => ReportedFigure, { description: 'Record a headcount a source reported, with that source. Admin.' })
  recordReportedFigure(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'The headcount: which coalition, when, the numbers, the words, on whose word.' })
    input: RecordReportedFigureInput,
  ) {
    return this.writes.recordReportedFigure(write, input);
  }

  @Mutation(() => ReportedFigure, {
    description:
      'Withdraw a reported figure, saying why: it stays on record but leaves `reportedFigures` and `stats`. Admin.',
  })
  retractReportedFigure(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'Which figure, why, and the version you read.' }) input: RetractReportedFigureInput,
  ) {
    return this.writes.retractReportedFigure(write, input);
  }

  @Mutation(() => CoalitionEvent, {
    description: 'Record something that happened to a coalition, with its source. Admin.',
  })
  recordCoalitionEvent(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'The event: which coalition, what, when, on whose word.' })
    input: RecordCoalitionEventInput,
  ) {
    return this.writes.recordCoalitionEvent(write, input);
  }

  @Mutation(() => Engagement, {
    description: 'Record a participant seen working with a coalition whom no source confirms as a member. Admin.',
  })
  recordEngagement(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'The engagement: which coalition, which participant, what it did, on whose word.' })
    input: RecordEngagementInput,
  ) {
    return this.writes.recordEngagement(write, input);
  }
}
