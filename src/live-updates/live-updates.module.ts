import { Module } from '@nestjs/common';
import { CoalitionsModule } from '../coalitions/coalitions.module.js';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { PersistedQueriesModule } from '../persisted-queries/persisted-queries.module.js';
import { LiveSocketServer } from './live-socket-server.js';
import { LiveUpdatesResolver } from './live-updates.resolver.js';
import { LiveUpdatesService } from './live-updates.service.js';

/** GraphQL subscriptions over WebSocket, fed by the change notices of writes on every instance. */
@Module({
  imports: [CoalitionsModule, MembershipsModule, ParticipantsModule, PersistedQueriesModule],
  providers: [LiveUpdatesService, LiveUpdatesResolver, LiveSocketServer],
  exports: [LiveSocketServer],
})
export class LiveUpdatesModule {}
