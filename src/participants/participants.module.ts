import { Module } from '@nestjs/common';
import { ParticipantsResolver } from './participants.resolver.js';
import { ParticipantsService } from './participants.service.js';
import { ParticipantMutationsResolver } from './participant-mutations.resolver.js';
import { ParticipantWritesService } from './participant-writes.service.js';

@Module({
  providers: [ParticipantsService, ParticipantsResolver, ParticipantWritesService, ParticipantMutationsResolver],
  exports: [ParticipantsService],
})
export class ParticipantsModule {}
