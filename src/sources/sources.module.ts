import { Module } from '@nestjs/common';
import { SourceRepository } from './source.repository.js';
import { SourcesService } from './sources.service.js';

@Module({ providers: [SourceRepository, SourcesService], exports: [SourcesService] })
export class SourcesModule {}
