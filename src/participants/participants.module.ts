import { Module } from '@nestjs/common';
import { ParticipantRepository } from './participant.repository.js';
import { ParticipantsResolver } from './participants.resolver.js';
import { ParticipantsService } from './participants.service.js';
import { ParticipantMutationsResolver } from './participant-mutations.resolver.js';
import { ParticipantWritesService } from './participant-writes.service.js';

@Module({
  providers: [
    ParticipantRepository,
    ParticipantsService,
    ParticipantsResolver,
    ParticipantWritesService,
    ParticipantMutationsResolver,
  ],
  exports: [ParticipantsService],
})
export class ParticipantsModule {}
