import { type DynamicModule, type INestApplicationContext, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { APP_CONFIG, loadConfig } from './config/app-config.js';
import { ResponseCacheModule } from './response-cache/response-cache.module.js';
import { registryDataSourceOptions, withRegistryDatabase } from './registry-database.js';

/** The parts of the service a command-line tool needs: the database, keys, audited writes, and its features. */
@Module({})
class CliModule {
  static forDatabase(url: string, features: Type[]): DynamicModule {
    const config = loadConfig();
    return {
      module: CliModule,
      imports: [
        TypeOrmModule.forRoot(registryDataSourceOptions(url, config.database)),
        ResponseCacheModule.forDatabase(url),
        AuthModule,
        AuditModule,
        ...features,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
      global: true,
    };
  }
}

/** Runs `work` with the service's providers on the database at `url` (migrated by the caller). */
export async function withApplicationOn<T>(
  url: string,
  features: Type[],
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliModule.forDatabase(url, features), { logger: ['error'] });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

/** A CLI's work on the registry's database (migrated first), with the service's providers. */
export function withCliApplication<T>(
  features: Type[],
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  return withRegistryDatabase((_dataSource, url) => withApplicationOn(url, features, work));
}
