import { Module } from '@nestjs/common';
import { PersistedQueriesService } from './persisted-queries.service.js';
import { PersistedQueryRepository } from './persisted-query.repository.js';

@Module({
  providers: [PersistedQueryRepository, PersistedQueriesService],
  exports: [PersistedQueriesService],
})
export class PersistedQueriesModule {}
