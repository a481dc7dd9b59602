import { Int, Query, Resolver } from '@nestjs/graphql';
import { SeedService } from './seed.service.js';

@Resolver()
export class DatasetRevisionResolver {
  constructor(private readonly seed: SeedService) {}

  @Query(() => Int, {
    description:
      'The revision of the dataset the project ships that this database holds: revisions are applied in order at ' +
      'start, each once, without overwriting what an admin recorded (0 before the first).',
  })
  datasetRevision(): Promise<number> {
    return this.seed.datasetRevision();
  }
}
