import { randomUUID } from 'node:crypto';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module.js';
import { IdempotencySweeperModule } from './audit/idempotency-sweeper.js';
import { AuthModule } from './auth/auth.module.js';
import { CoalitionsModule } from './coalitions/coalitions.module.js';
import { CommitmentsModule } from './commitments/commitments.module.js';
import type { GraphqlContext, RequestLike } from './common/graphql-context.js';
import { CompiledExecutor } from './common/compiled-executor.js';
import { errorReportingPlugin, formatGraphqlError } from './common/graphql-error-format.js';
import { queryCostPlugin, queryLimitRules } from './common/query-limits.js';
import { RequestLoaders } from './common/request-loaders.js';
import { readEmbeddedFirst } from './memberships/membership-page-plan.js';
import { readPlainFieldsDirectly } from './common/plain-field-reads.js';
import { describeRootTypes } from './common/root-type-descriptions.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { HealthModule } from './health/health.module.js';
import { LiveUpdatesModule } from './live-updates/live-updates.module.js';
import { MembershipsModule } from './memberships/memberships.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { Country, InternationalOrganization } from './participants/participant.model.js';
import { ParticipantsModule } from './participants/participants.module.js';
import { PersistedQueriesModule } from './persisted-queries/persisted-queries.module.js';
import { PersistedQueriesService } from './persisted-queries/persisted-queries.service.js';
import { registryDataSourceOptions } from './registry-database.js';
import { ReplicationModule } from './replication/replication.module.js';
import { ResponseCacheModule } from './response-cache/response-cache.module.js';
import { RosterDownloadsModule } from './roster-downloads/roster-downloads.module.js';
import { RosterImportModule } from './roster-import/roster-import.module.js';
import { SeedModule } from './seed/seed.module.js';
import { WebModule } from './web/web.module.js';

/** A field every schema has that is a plain `@Field` property: how Nest's property readers look. */
const PLAIN_FIELD = { type: 'Membership', field: 'status' };

function requestIdOf(req: RequestLike): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : (req.id ?? randomUUID());
}

@Module({})
export class AppModule {
  /** The whole service, wired for one configuration and one database. */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(registryDataSourceOptions(databaseUrl, config.database)),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [PersistedQueriesModule],
          inject: [PersistedQueriesService],
          useFactory: (persistedQueries: PersistedQueriesService) => AppModule.graphqlOptions(config, persistedQueries),
        }),
        ResponseCacheModule.forDatabase(databaseUrl),
        ReplicationModule,
        AuthModule,
        AuditModule,
        IdempotencySweeperModule,
        ParticipantsModule,
        CoalitionsModule,
        MembershipsModule,
        CommitmentsModule,
        LiveUpdatesModule,
        SeedModule,
        RosterImportModule,
        RosterDownloadsModule,
        WebModule.withPages({ isExplorerShown: config.graphqlExplorer }),
        HealthModule,
        ObservabilityModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
      global: true,
    };
  }

  private static graphqlOptions(config: AppConfig, persistedQueries: PersistedQueriesService): ApolloDriverConfig {
    const executor = new CompiledExecutor();
    const options: ApolloDriverConfig = {
      path: '/graphql',
      autoSchemaFile: true,
      // Plain reads first: readEmbeddedFirst then wraps only the fields that still have a resolver.
      transformSchema: (schema) =>
        executor.useSchema(readEmbeddedFirst(readPlainFieldsDirectly(describeRootTypes(schema), PLAIN_FIELD))),
      sortSchema: true,
      buildSchemaOptions: { orphanedTypes: [Country, InternationalOrganization] },
      introspection: config.introspection,
      csrfPrevention: true,
      graphiql: false,
      playground: false,
      includeStacktraceInErrorResponses: false,
      // Shared by every instance (or, under PERSISTED_QUERIES_ONLY, the build's safelist): see persisted-queries/.
      persistedQueries: persistedQueries.apolloOptions,
      hideSchemaDetailsFromClientErrors: true,
      allowBatchedHttpRequests: config.queryLimits.maxBatch > 1,
      parseOptions: { maxTokens: config.queryLimits.maxTokens },
      validationRules: queryLimitRules(config.queryLimits),
      autoTransformHttpErrors: false,
      formatError: formatGraphqlError,
      // Cache-control hints are not used (the response cache is our own), and the plugin costs a hook per field.
      plugins: [
        errorReportingPlugin(),
        ...persistedQueries.plugins,
        queryCostPlugin(config.queryLimits),
        ApolloServerPluginCacheControlDisabled(),
      ],
      context: (request: { req?: RequestLike } & RequestLike): GraphqlContext => {
        const req = request.req ?? request;
        return { req, requestId: requestIdOf(req), loaders: new RequestLoaders() };
      },
    };
    // Nest's config type leaves out Apollo's `gateway` (it means federation there) but hands every
    // option on to ApolloServer: the gateway interface is how Apollo Server 5 takes an executor.
    return Object.assign(options, { gateway: executor });
  }
}
