import { Module } from '@nestjs/common';
import { RetractionResolver } from './retraction.resolver.js';
import { SourceRepository } from './source.repository.js';
import { SourcesService } from './sources.service.js';

@Module({ providers: [SourceRepository, SourcesService, RetractionResolver], exports: [SourcesService] })
export class SourcesModule {}
