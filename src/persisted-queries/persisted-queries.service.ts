import path from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { WEB_BUILD_DIR } from '../web/web-files.js';
import { OperationSafelist } from './operation-safelist.js';
import { PersistedQueryRepository } from './persisted-query.repository.js';
import { SharedPersistedQueries, type PersistedQueryCache } from './shared-persisted-queries.js';

export const MANIFEST_FILE = path.join(WEB_BUILD_DIR, 'persisted-queries.json');

/**
 * How Apollo finds a query by its hash: the shared store (anyone may register, APQ), or under
 * PERSISTED_QUERIES_ONLY the build's manifest alone, with a plugin refusing every other operation.
 */
@Injectable()
export class PersistedQueriesService {
  readonly cache: PersistedQueryCache;
  readonly plugins: ApolloServerPlugin[];
  private readonly safelist: OperationSafelist | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig, repository: PersistedQueryRepository) {
    if (config.persistedQueries.isSafelistOnly) {
      const safelist = OperationSafelist.fromFile(MANIFEST_FILE);
      this.safelist = safelist;
      this.cache = safelist;
      this.plugins = [safelist.plugin()];
    } else {
      const shared = new SharedPersistedQueries(repository, config.persistedQueries.maxStored);
      this.cache = shared;
      this.plugins = [shared.plugin()];
    }
  }

  /**
   * For an operation that does not pass through Apollo (a subscription over the WebSocket): under
   * PERSISTED_QUERIES_ONLY the refusal of an unregistered text, else null (anything may run).
   */
  refusalOf(operationText: string): GraphQLError | null {
    return this.safelist?.refusalOf(operationText) ?? null;
  }

  /** The `persistedQueries` option of Apollo Server: no expiry (the store is bounded by size and count instead). */
  get apolloOptions() {
    return { cache: this.cache, ttl: null };
  }
}
