import { Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import {
  CoalitionEventResolver,
  EngagementResolver,
  LineOfEffortResolver,
  ReportedFigureResolver,
} from './coalition-facts.resolver.js';
import { CoalitionRepository } from './coalition.repository.js';
import { CoalitionsResolver } from './coalitions.resolver.js';
import { CoalitionsService } from './coalitions.service.js';

@Module({
  imports: [ParticipantsModule, SourcesModule],
  providers: [
    CoalitionRepository,
    CoalitionsService,
    CoalitionsResolver,
    ReportedFigureResolver,
    CoalitionEventResolver,
    LineOfEffortResolver,
    EngagementResolver,
  ],
  exports: [CoalitionsService],
})
export class CoalitionsModule {}
