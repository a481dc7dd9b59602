import { Module } from '@nestjs/common';
import { SourcesModule } from '../sources/sources.module.js';
import { SeedService } from './seed.service.js';

@Module({ imports: [SourcesModule], providers: [SeedService], exports: [SeedService] })
export class SeedModule {}
