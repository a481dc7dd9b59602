import { Module } from '@nestjs/common';
import { RetractionResolver } from './retraction.resolver.js';
import { SourceMutationsResolver } from './source-mutations.resolver.js';
import { SourceRepository } from './source.repository.js';
import { SourceWritesService } from './source-writes.service.js';
import { SourcesService } from './sources.service.js';

@Module({
  providers: [SourceRepository, SourcesService, RetractionResolver, SourceWritesService, SourceMutationsResolver],
  exports: [SourcesService, SourceWritesService],
})
export class SourcesModule {}
