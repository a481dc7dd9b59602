import { Module } from '@nestjs/common';
import { CoalitionsModule } from '../coalitions/coalitions.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { MembershipEventResolver } from './membership-event.resolver.js';
import { MembershipMutationsResolver } from './membership-mutations.resolver.js';
import { MembershipWritesService } from './membership-writes.service.js';
import { MembershipPagesService } from './membership-pages.service.js';
import { MembershipTimelineService } from './membership-timeline.service.js';
import { CoalitionMembershipsResolver, MembershipsResolver } from './memberships.resolver.js';
import { MembershipsService } from './memberships.service.js';

@Module({
  imports: [CoalitionsModule, ParticipantsModule, SourcesModule],
  providers: [
    MembershipsService,
    MembershipPagesService,
    MembershipTimelineService,
    MembershipsResolver,
    CoalitionMembershipsResolver,
    MembershipEventResolver,
    MembershipWritesService,
    MembershipMutationsResolver,
  ],
  exports: [MembershipsService, MembershipWritesService],
})
export class MembershipsModule {}
