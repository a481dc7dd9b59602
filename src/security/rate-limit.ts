import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimited } from '../common/domain-errors.js';
import type { RequestLimits } from '../config/app-config.js';
import { sendRefusal } from './refusal.js';

/** The bucket a request counts against: `key:<name>` for a live API key, `ip:<address>` otherwise. */
export type BucketOf = (request: FastifyRequest) => string | Promise<string>;

/** Probes and scrapes must keep working while a client is being throttled. */
const UNLIMITED_PATHS = /^\/(health\/|metrics(\?|$))/;

const isKeyBucket = (bucket: string) => bucket.startsWith('key:');

/**
 * Per-key and per-IP request rates, checked in an `onRequest` hook: before the body is read or any
 * GraphQL work starts, so an overloaded service answers 429 at once instead of slowing for everyone.
 * The answer is GraphQL-shaped (`extensions.code: RATE_LIMITED`) with a Retry-After header.
 * Fixed windows in a bounded in-process LRU store: per instance, not shared across replicas.
 */
export async function installRateLimits(
  fastify: FastifyInstance,
  limits: RequestLimits,
  bucketOf: BucketOf,
): Promise<void> {
  const maxOf = (bucket: string) => (isKeyBucket(bucket) ? limits.rateLimitPerKey : limits.rateLimitPerIp);
  if (limits.rateLimitPerIp === 0 && limits.rateLimitPerKey === 0) return;
  await fastify.register(fastifyRateLimit, { global: false, cache: 10_000 });
  const check = fastify.createRateLimit({
    timeWindow: limits.rateLimitWindowMs,
    keyGenerator: bucketOf,
    max: (_request: FastifyRequest, bucket: string) => maxOf(bucket),
    allowList: (_request: FastifyRequest, bucket: string) => maxOf(bucket) === 0,
  });

  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // A CORS preflight is the browser asking permission, not a request of the caller's own.
    if (request.method === 'OPTIONS' || UNLIMITED_PATHS.test(request.url)) return;
    const verdict = await check(request);
    if (verdict.isAllowed) return;
    reply.header('x-ratelimit-limit', verdict.max);
    reply.header('x-ratelimit-remaining', verdict.remaining);
    reply.header('x-ratelimit-reset', verdict.ttlInSeconds);
    if (!verdict.isExceeded) return;
    const who = isKeyBucket(verdict.key) ? 'this API key' : 'this address';
    const error = new RateLimited(`Too many requests from ${who}; retry in ${verdict.ttlInSeconds} s`, {
      retryAfterSeconds: verdict.ttlInSeconds,
    });
    return sendRefusal(reply.header('retry-after', verdict.ttlInSeconds), 429, error);
  });
}
