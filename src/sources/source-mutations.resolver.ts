import { UsePipes } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { InputValidationPipe } from '../common/input-validation.js';
import { CurrentWriteRequest, type WriteRequest } from '../common/write-request.js';
import { UpdateSourceInput } from './dto/update-source.input.js';
import { Source } from './source.model.js';
import { SourceWritesService } from './source-writes.service.js';

@UsePipes(InputValidationPipe)
@Resolver(() => Source)
export class SourceMutationsResolver {
  constructor(private readonly writes: SourceWritesService) {}

  @Mutation(() => Source, {
    description:
      "Correct a source: its url, title, publisher, date, or an archived copy's address. Every fact citing it follows. Admin.",
  })
  updateSource(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'Which source, the version you read, and the fields to change.' })
    input: UpdateSourceInput,
  ): Promise<Source> {
    return this.writes.updateSource(write, input);
  }
}
