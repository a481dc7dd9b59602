import { Module } from '@nestjs/common';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { CommitmentLedger } from './commitment-ledger.js';
import { CommitmentLedgerRepository } from './commitment-ledger.repository.js';
import { CommitmentMutationsResolver } from './commitment-mutations.resolver.js';
import { CommitmentRepository } from './commitment.repository.js';
import { CommitmentWritesService } from './commitment-writes.service.js';
import { CommitmentsResolver, MembershipCommitmentsResolver } from './commitments.resolver.js';
import { CommitmentsService } from './commitments.service.js';

@Module({
  imports: [MembershipsModule, SourcesModule],
  providers: [
    CommitmentRepository,
    CommitmentLedgerRepository,
    CommitmentLedger,
    CommitmentsService,
    CommitmentsResolver,
    MembershipCommitmentsResolver,
    CommitmentWritesService,
    CommitmentMutationsResolver,
  ],
  exports: [CommitmentsService, CommitmentLedger],
})
export class CommitmentsModule {}
