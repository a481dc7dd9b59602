import { Module } from '@nestjs/common';
import { CoalitionsModule } from '../coalitions/coalitions.module.js';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { RosterDownloadService } from './roster-download.service.js';
import { RosterDownloadsController } from './roster-downloads.controller.js';

/** The roster as CSV and JSON files, for readers who work in spreadsheets. */
@Module({
  imports: [CoalitionsModule, MembershipsModule, ParticipantsModule],
  controllers: [RosterDownloadsController],
  providers: [RosterDownloadService],
})
export class RosterDownloadsModule {}
