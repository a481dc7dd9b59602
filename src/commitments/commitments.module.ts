import { Module } from '@nestjs/common';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { CommitmentsResolver, MembershipCommitmentsResolver } from './commitments.resolver.js';
import { CommitmentsService } from './commitments.service.js';
import { CommitmentMutationsResolver } from './commitment-mutations.resolver.js';
import { CommitmentWritesService } from './commitment-writes.service.js';

@Module({
  imports: [MembershipsModule, SourcesModule],
  providers: [
    CommitmentsService,
    CommitmentsResolver,
    MembershipCommitmentsResolver,
    CommitmentWritesService,
    CommitmentMutationsResolver,
  ],
  exports: [CommitmentsService],
})
export class CommitmentsModule {}
