import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DATABASE_URL, RegistryChangesService } from './registry-changes.service.js';

@Global()
@Module({})
export class ResponseCacheModule {
  static forDatabase(databaseUrl: string): DynamicModule {
    return {
      module: ResponseCacheModule,
      providers: [{ provide: DATABASE_URL, useValue: databaseUrl }, RegistryChangesService],
      exports: [RegistryChangesService],
    };
  }
}
