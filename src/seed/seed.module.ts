import { Module } from '@nestjs/common';
import { CoalitionsModule } from '../coalitions/coalitions.module.js';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { SeedService } from './seed.service.js';

@Module({
  imports: [SourcesModule, ParticipantsModule, CoalitionsModule, MembershipsModule, CommitmentsModule],
  providers: [SeedService],
  exports: [SeedService],
})
export class SeedModule {}
