import { Module } from '@nestjs/common';
import { CoalitionsModule } from '../coalitions/coalitions.module.js';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { CoalitionLoader } from './coalition-loader.js';
import { DatasetRevisionRepository } from './dataset-revision.repository.js';
import { DatasetRevisionResolver } from './dataset-revision.resolver.js';
import { RevisionItems } from './revision-items.js';
import { SeedService } from './seed.service.js';

@Module({
  imports: [SourcesModule, ParticipantsModule, CoalitionsModule, MembershipsModule, CommitmentsModule],
  providers: [DatasetRevisionRepository, CoalitionLoader, RevisionItems, SeedService, DatasetRevisionResolver],
  exports: [SeedService],
})
export class SeedModule {}
