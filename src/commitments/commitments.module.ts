import { Module } from '@nestjs/common';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { CommitmentsResolver, MembershipCommitmentsResolver } from './commitments.resolver.js';
import { CommitmentsService } from './commitments.service.js';

@Module({
  imports: [MembershipsModule, SourcesModule],
  providers: [CommitmentsService, CommitmentsResolver, MembershipCommitmentsResolver],
  exports: [CommitmentsService],
})
export class CommitmentsModule {}
