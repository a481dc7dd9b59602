import { Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import {
  CoalitionEventResolver,
  EngagementResolver,
  LineOfEffortResolver,
  ReportedFigureResolver,
} from './coalition-facts.resolver.js';
import { CoalitionMutationsResolver } from './coalition-mutations.resolver.js';
import { CoalitionMutationsService } from './coalition-mutations.service.js';
import { CoalitionRecordsService } from './coalition-records.service.js';
import { CoalitionRepository } from './coalition.repository.js';
import { CoalitionsResolver } from './coalitions.resolver.js';
import { CoalitionsService } from './coalitions.service.js';
import { ReportedFigureRepository } from './reported-figure.repository.js';
import { ReportedFiguresService } from './reported-figures.service.js';

@Module({
  imports: [ParticipantsModule, SourcesModule],
  providers: [
    CoalitionRepository,
    ReportedFigureRepository,
    CoalitionsService,
    ReportedFiguresService,
    CoalitionRecordsService,
    CoalitionMutationsService,
    CoalitionMutationsResolver,
    CoalitionsResolver,
    ReportedFigureResolver,
    CoalitionEventResolver,
    LineOfEffortResolver,
    EngagementResolver,
  ],
  exports: [CoalitionsService, ReportedFiguresService, CoalitionRecordsService],
})
export class CoalitionsModule {}
