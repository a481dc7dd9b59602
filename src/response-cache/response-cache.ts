import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { WalPosition } from '../database/read-routing.js';
import type { RegistryChangesService } from './registry-changes.service.js';

/**
 * Whole answers to public reads, kept until the registry changes. Dashboards ask the same few
 * questions over and over; a hit is answered by Fastify before GraphQL runs at all. Only requests
 * without an Authorization header are cached (so a key is never needed to see an answer another
 * caller's key unlocked), and only answers without errors. Every write, on any instance, clears it.
 */
export interface ResponseCacheOptions {
  ttlSeconds: number;
  /** The most the kept answers and their keys may weigh, in bytes (UTF-8, as they are sent). */
  maxBytes: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    responseCacheKey?: string;
    responseCacheGeneration?: number;
  }
}

interface CachedAnswer {
  body: string;
  contentType: string;
  /**
   * The WAL position its data is known to reach (0 when not measured): a read asking for more
   * (X-Registry-Min-Position, after a write elsewhere whose notice has not arrived yet) is not
   * answered from it.
   */
  position: WalPosition;
}

/** Content types a browser may send cross-site without a preflight (Apollo's CSRF prevention list). */
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Whether Apollo's CSRF prevention lets this request through: it has a content type a browser cannot
 * send cross-site without a preflight, or one of the headers that force a preflight. A hit is answered
 * before Apollo runs, so the cache must refuse to answer whatever Apollo would have blocked.
 */
export function isPreflighted(request: FastifyRequest): boolean {
  const contentType = request.headers['content-type'];
  if (contentType !== undefined && !SIMPLE_CONTENT_TYPES.has(contentType.split(';')[0].trim().toLowerCase())) {
    return true;
  }
  return PREFLIGHT_HEADERS.some((header) => {
    const value = request.headers[header];
    return typeof value === 'string' && value.length > 0;
  });
}

export const answerBytes = (key: string, answer: CachedAnswer): number =>
  Buffer.byteLength(key) + Buffer.byteLength(answer.body) + answer.contentType.length;

export class ResponseCache {
  private readonly answers: LRUCache<string, CachedAnswer>;

  constructor(
    private readonly changes: RegistryChangesService,
    options: ResponseCacheOptions,
  ) {
    this.answers = new LRUCache<string, CachedAnswer>({
      maxSize: options.maxBytes,
      sizeCalculation: (answer, key) => answerBytes(key, answer),
      ttl: options.ttlSeconds * 1000,
    });
    changes.onChange(() => this.answers.clear());
  }

  get size(): number {
    return this.answers.size;
  }

  /** What the kept answers weigh, in bytes. */
  get bytes(): number {
    return this.answers.calculatedSize;
  }

  /** The cache key of a request that may be answered from the cache, or undefined. */
  keyOf(request: FastifyRequest): string | undefined {
    if (request.headers.authorization !== undefined || !this.changes.isListening || !isPreflighted(request)) {
      return undefined;
    }
    // Apollo's answer depends on Accept (its content type, and its status codes for
    // application/graphql-response+json): one kept answer per Accept.
    const accept = request.headers.accept ?? '';
    if (request.method === 'POST') {
      const body = request.body as
        { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown } | undefined;
      if (!body || Array.isArray(body) || typeof body.query !== 'string') return undefined;
      try {
        // The extensions too: a persisted query's hash that does not match the query is refused, not answered.
        const { query, variables = null, operationName = null, extensions = null } = body;
        return `POST ${JSON.stringify([accept, query, variables, operationName, extensions])}`;
      } catch {
        return undefined; // variables nested too deep to serialise: answer them, but do not keep the answer
      }
    }
    // A GET is cached only when it carries an operation, whole or as a persisted query's hash (not a
    // browser asking for the explorer page).
    const isOperation =
      request.method === 'GET' && /[?&](query|extensions)=/.test(request.url) && !accept.includes('text/html');
    return isOperation ? `GET ${JSON.stringify([accept, request.url])}` : undefined;
  }

  /** Keeps an answer (unless it alone weighs more than the whole cache may). */
  keep(key: string, answer: CachedAnswer): void {
    this.answers.set(key, answer);
  }

  /** Registers the hooks on the GraphQL route's Fastify instance. Call before the app initialises. */
  install(fastify: FastifyInstance, path: string): void {
    fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.routeOptions.url !== path) return;
      const key = this.keyOf(request);
      if (!key) return;
      const answer = this.answers.get(key);
      if (answer !== undefined && answer.position >= (request.readConsistency?.minPosition ?? 0n)) {
        return reply.header('content-type', answer.contentType).header('x-cache', 'hit').send(answer.body);
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
        const contentType = reply.getHeader('content-type');
        // Read from a replica that may not hold the last change heard of yet: answered, but not kept.
        const consistency = request.readConsistency;
        if (!payload.includes('"errors"') && typeof contentType === 'string' && !consistency?.mayBeBehind) {
          this.keep(key, { body: payload, contentType, position: consistency?.readAt ?? 0n });
        }
        reply.header('x-cache', 'miss');
      }
      return payload;
    });
  }
}
