import { Module } from '@nestjs/common';
import { CoalitionsModule } from '../coalitions/coalitions.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { MembershipCorrectionsService } from './membership-corrections.service.js';
import { MembershipEventResolver } from './membership-event.resolver.js';
import { MembershipLedger } from './membership-ledger.js';
import { MembershipLedgerRepository } from './membership-ledger.repository.js';
import { MembershipMutationsResolver } from './membership-mutations.resolver.js';
import { MembershipPagesRepository } from './membership-pages.repository.js';
import { MembershipPagesService } from './membership-pages.service.js';
import { MembershipTimelineRepository } from './membership-timeline.repository.js';
import { MembershipTimelineService } from './membership-timeline.service.js';
import { MembershipWritesService } from './membership-writes.service.js';
import { MembershipRepository } from './membership.repository.js';
import { CoalitionMembershipsResolver, MembershipsResolver } from './memberships.resolver.js';
import { MembershipsService } from './memberships.service.js';

@Module({
  imports: [CoalitionsModule, ParticipantsModule, SourcesModule],
  providers: [
    MembershipRepository,
    MembershipPagesRepository,
    MembershipTimelineRepository,
    MembershipLedgerRepository,
    MembershipLedger,
    MembershipsService,
    MembershipPagesService,
    MembershipTimelineService,
    MembershipsResolver,
    CoalitionMembershipsResolver,
    MembershipEventResolver,
    MembershipWritesService,
    MembershipCorrectionsService,
    MembershipMutationsResolver,
  ],
  exports: [MembershipsService, MembershipPagesService, MembershipLedger, MembershipWritesService],
})
export class MembershipsModule {}
