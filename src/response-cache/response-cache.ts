import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { RegistryChangesService } from './registry-changes.service.js';

/**
 * Whole answers to public reads, kept until the registry changes. Dashboards ask the same few
 * questions over and over; a hit is answered by Fastify before GraphQL runs at all. Only requests
 * without an Authorization header are cached (so a key is never needed to see an answer another
 * caller's key unlocked), and only answers without errors. Every write, on any instance, clears it.
 */
export interface ResponseCacheOptions {
  ttlSeconds: number;
  maxBytes: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    responseCacheKey?: string;
    responseCacheGeneration?: number;
  }
}

export class ResponseCache {
  private readonly answers: LRUCache<string, string>;

  constructor(
    private readonly changes: RegistryChangesService,
    options: ResponseCacheOptions,
  ) {
    this.answers = new LRUCache<string, string>({
      maxSize: options.maxBytes,
      sizeCalculation: (answer, key) => answer.length + key.length,
      ttl: options.ttlSeconds * 1000,
    });
    changes.onChange(() => this.answers.clear());
  }

  get size(): number {
    return this.answers.size;
  }

  /** The cache key of a request that may be answered from the cache, or undefined. */
  keyOf(request: FastifyRequest): string | undefined {
    if (request.headers.authorization !== undefined || !this.changes.isListening) return undefined;
    if (request.method === 'POST') {
      const body = request.body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
      if (!body || Array.isArray(body) || typeof body.query !== 'string') return undefined;
      try {
        return `POST ${JSON.stringify([body.query, body.variables ?? null, body.operationName ?? null])}`;
      } catch {
        return undefined; // variables nested too deep to serialise: answer them, but do not keep the answer
      }
    }
    // A GET is cached only when it carries an operation (not a browser asking for the explorer page).
    const isOperation =
      request.method === 'GET' &&
      /[?&]query=/.test(request.url) &&
      !String(request.headers.accept).includes('text/html');
    return isOperation ? `GET ${request.url}` : undefined;
  }

  /** Registers the hooks on the GraphQL route's Fastify instance. Call before the app initialises. */
  install(fastify: FastifyInstance, path: string): void {
    fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.routeOptions.url !== path) return;
      const key = this.keyOf(request);
      if (!key) return;
      const answer = this.answers.get(key);
      if (answer !== undefined) {
        return reply.header('content-type', 'application/json; charset=utf-8').header('x-cache', 'hit').send(answer);
      }
      request.responseCacheKey = key;
      request.responseCacheGeneration = this.changes.generation;
    });
    fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const key = request.responseCacheKey;
      // An answer computed while a change landed may be stale: store it only if no change was seen since.
      if (
        key &&
        reply.statusCode === 200 &&
        typeof payload === 'string' &&
        request.responseCacheGeneration === this.changes.generation
      ) {
        if (!payload.includes('"errors"')) this.answers.set(key, payload);
        reply.header('x-cache', 'miss');
      }
      return payload;
    });
  }
}
