import { Module } from '@nestjs/common';
import { CoalitionsModule } from '../coalitions/coalitions.module.js';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { RosterImportResolver } from './roster-import.resolver.js';
import { RosterImportService } from './roster-import.service.js';

@Module({
  imports: [CoalitionsModule, MembershipsModule, ParticipantsModule],
  providers: [RosterImportService, RosterImportResolver],
  exports: [RosterImportService],
})
export class RosterImportModule {}
