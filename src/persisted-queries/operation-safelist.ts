import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { PersistedQueryCache } from './shared-persisted-queries.js';

/**
 * The operations registered at build time (the dashboard's, the console's and the sign-in's, and the
 * explorer's examples), in Apollo's persisted query manifest format, written by
 * scripts/persisted-queries.mjs into dist/web.
 */
export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: Array<{ id: string; name: string; type: string; body: string }>;
}

const notRegistered = () =>
  new GraphQLError('Only registered operations run on this service (PERSISTED_QUERIES_ONLY)', {
    extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
  });

export class OperationSafelist implements PersistedQueryCache {
  private readonly bodies: Map<string, string>;

  constructor(manifest: PersistedQueryManifest) {
    this.bodies = new Map(manifest.operations.map((operation) => [operation.id, operation.body]));
  }

  static fromFile(file: string): OperationSafelist {
    if (!existsSync(file)) {
      throw new Error(`PERSISTED_QUERIES_ONLY=true needs the operation manifest ${file} (npm run build writes it)`);
    }
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as PersistedQueryManifest;
    if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations)) {
      throw new Error(`${file} is not a persisted query manifest`);
    }
    return new OperationSafelist(manifest);
  }

  get size(): number {
    return this.bodies.size;
  }

  isRegistered(sha256: string | undefined): boolean {
    return sha256 !== undefined && this.bodies.has(sha256);
  }

  /**
   * Null for a registered operation text, else the refusal every transport answers with (HTTP through
   * the plugin below, a WebSocket subscription through the live server): the hash is the one Apollo uses.
   */
  refusalOf(operationText: string): GraphQLError | null {
    return this.isRegistered(createHash('sha256').update(operationText).digest('hex')) ? null : notRegistered();
  }

  /** As Apollo's APQ store: a registered hash finds its operation; nothing is ever added at run time. */
  async get(key: string): Promise<string | undefined> {
    return this.bodies.get(key.replace(/^apq:/, ''));
  }

  async set(): Promise<void> {}

  async delete(): Promise<boolean> {
    return false;
  }

  /**
   * Refuses, before anything runs, an operation whose text is not one of the registered ones (sent
   * whole or by a hash), query or mutation alike: Apollo has hashed the text it is about to run by then.
   */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ queryHash }) => {
          if (this.isRegistered(queryHash)) return;
          throw notRegistered();
        },
      }),
    };
  }
}
