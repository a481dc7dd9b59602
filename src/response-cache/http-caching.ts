import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpCaching } from '../config/app-config.js';

/**
 * What a CDN or a browser in front of the service may keep. A public GET read (no Authorization) that
 * answered without errors may be kept by anyone for CACHE_MAX_AGE_SECONDS and served stale while it
 * revalidates; its ETag (a hash of the body) lets the revalidation answer 304 without a body.
 * Everything else, an authenticated answer, an error, a POST, is `private, no-store`: a shared cache
 * must never hand one caller's key-unlocked answer, or a passing failure, to the next.
 */
export const PUBLIC_CACHING_VARY = 'accept, x-registry-min-position';

/** A strong validator: the same body always has the same tag, on every instance. */
export function entityTagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** Whether If-None-Match names this tag (a list, or `*`; weak tags compare by their value). */
export function isNotModified(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((given) => {
    const candidate = given.trim();
    return candidate === '*' || candidate.replace(/^W\//, '') === tag;
  });
}

export function cacheControlFor(settings: HttpCaching): string {
  return `public, max-age=${settings.maxAgeSeconds}, stale-while-revalidate=${settings.staleWhileRevalidateSeconds}`;
}

function isPublicRead(request: FastifyRequest, reply: FastifyReply, payload: unknown): payload is string {
  return (
    request.method === 'GET' &&
    request.headers.authorization === undefined &&
    reply.statusCode === 200 &&
    typeof payload === 'string' &&
    !payload.includes('"errors"')
  );
}

/** Registers the onSend hook for the GraphQL route. Call before the app initialises. */
export function installHttpCaching(fastify: FastifyInstance, path: string, settings: HttpCaching): void {
  const publicCacheControl = cacheControlFor(settings);
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.routeOptions.url !== path) return payload;
    // A GET for the explorer page is a page, not a read: web-files.ts says how to keep it.
    if (request.method === 'GET' && String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      return payload;
    }
    if (!isPublicRead(request, reply, payload)) {
      reply.header('cache-control', 'private, no-store');
      return payload;
    }
    const tag = entityTagOf(payload);
    reply.header('cache-control', publicCacheControl).header('etag', tag).header('vary', PUBLIC_CACHING_VARY);
    if (isNotModified(request.headers['if-none-match'], tag)) {
      reply.code(304).removeHeader('content-length');
      return '';
    }
    return payload;
  });
}
