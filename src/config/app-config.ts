import net from 'node:net';
import path from 'node:path';

/**
 * Every setting the service reads from its environment, parsed and checked once at start-up.
 * A bad value stops the process with a message naming the variable, instead of surfacing
 * later as a strange runtime failure.
 */
export interface AppConfig {
  port: number;
  nodeEnv: string;
  /** Set: use this PostgreSQL. Unset: start an embedded one under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** True when DATA_DIR was given explicitly: then we never move the data elsewhere on our own. */
  isDataDirExplicit: boolean;
  requireAuthForReads: boolean;
  graphqlExplorer: boolean;
  introspection: boolean;
  queryLimits: QueryLimits;
  database: DatabaseTimeouts;
  corsOrigins: string[];
  /**
   * Which proxies in front of the service may name the client (X-Forwarded-For): none by default, so a
   * client cannot pick its own rate-limit address; behind a proxy, without it, everyone shares one.
   */
  trustProxy: boolean | number | string[];
  cacheTtlSeconds: number;
  isResponseCacheOn: boolean;
  logLevel: LogLevel;
  limits: RequestLimits;
  live: LiveLimits;
  /** How long a write's Idempotency-Key is remembered (and its result replayed). */
  idempotencyTtlHours: number;
  httpCaching: HttpCaching;
  persistedQueries: PersistedQueries;
  replicas: ReplicaSettings;
}

/** What a CDN or browser may keep of a public GET read (Cache-Control), see src/response-cache/http-caching.ts. */
export interface HttpCaching {
  maxAgeSeconds: number;
  staleWhileRevalidateSeconds: number;
}

/** Apollo's automatic persisted queries, shared by every instance through the database. */
export interface PersistedQueries {
  /** True: only the operations registered at build time (dist/web/persisted-queries.json) run. */
  isSafelistOnly: boolean;
  /** The most queries the shared store keeps; the least recently registered go first. */
  maxStored: number;
}

/** Streaming replicas that take the reads (see src/database/read-replicas.ts). */
export interface ReplicaSettings {
  urls: string[];
  /** A replica further behind the primary than this (measured, not assumed) takes no reads. */
  maxLagMs: number;
  /** How often each replica's health and replay position are measured. */
  checkIntervalMs: number;
}

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxBatch: number;
}

export interface DatabaseTimeouts {
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  poolSize: number;
}

/** Overload protection at the HTTP edge (see src/security/). A rate of 0 turns that limit off. */
export interface RequestLimits {
  bodyLimitBytes: number;
  rateLimitWindowMs: number;
  rateLimitPerIp: number;
  rateLimitPerKey: number;
  /** After the drain, how long a SIGTERM waits for requests in flight before cutting them off. */
  shutdownGraceMs: number;
  /**
   * After a SIGTERM, how long the service still takes new connections (readiness already failing, each
   * answer with Connection: close), so a load balancer notices and moves traffic away first.
   */
  shutdownDrainMs: number;
}

/**
 * Live updates (GraphQL subscriptions over WebSocket on /graphql, see src/live-updates/). Each limit
 * protects the instance from one client: connections it may hold, subscriptions per connection, the
 * size of a message it sends, and how far behind it may fall before it is cut off.
 */
export interface LiveLimits {
  isOn: boolean;
  maxConnectionsPerIp: number;
  maxSubscriptionsPerConnection: number;
  maxMessageBytes: number;
  /** Bytes waiting to be sent to one connection; past it the connection is closed as a slow consumer. */
  maxBufferedBytes: number;
  /** How often a connection is pinged; one that has not answered the previous ping is cut. 0: never. */
  keepAliveMs: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** TRUST_PROXY: unset/false, true (every hop: only when nothing reaches the service but the proxy), a hop count, or addresses/CIDRs. */
function trustProxy(env: Env): boolean | number | string[] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || /^(false|0|no)$/i.test(raw)) return false;
  if (/^(true|yes)$/i.test(raw)) return true;
  if (/^[1-9][0-9]?$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = net.isIP(address ?? '');
    const isValidMask = bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (family === 0 || !isValidMask || extra !== undefined) {
      throw new ConfigError(
        `TRUST_PROXY must be true, false, a hop count or proxy addresses/CIDRs (comma-separated), got "${entry}"`,
      );
    }
  }
  return entries;
}

function postgresUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a postgres:// URL`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${name} must start with postgres:// or postgresql://`);
  }
  return raw;
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return undefined;
  return postgresUrl('DATABASE_URL', raw);
}

/** DATABASE_REPLICA_URLS: comma-separated postgres:// URLs; they need DATABASE_URL (the primary). */
function replicaUrls(env: Env): string[] {
  const urls = (env.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
    .map((url) => postgresUrl('DATABASE_REPLICA_URLS', url));
  if (urls.length > 0 && !env.DATABASE_URL) {
    throw new ConfigError('DATABASE_REPLICA_URLS needs DATABASE_URL (the primary they replicate)');
  }
  return urls;
}

function logLevel(env: Env, fallback: LogLevel): LogLevel {
  const raw = env.LOG_LEVEL;
  if (raw === undefined || raw === '') return fallback;
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  }
  return raw as LogLevel;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const isProduction = nodeEnv === 'production';
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    nodeEnv,
    databaseUrl: databaseUrl(env),
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    isDataDirExplicit: Boolean(env.DATA_DIR),
    requireAuthForReads: flag(env, 'REQUIRE_AUTH_FOR_READS', false),
    graphqlExplorer: flag(env, 'GRAPHQL_EXPLORER', !isProduction),
    introspection: flag(env, 'GRAPHQL_INTROSPECTION', !isProduction),
    queryLimits: {
      maxDepth: integer(env, 'QUERY_MAX_DEPTH', 10, 2, 100),
      maxCost: integer(env, 'QUERY_MAX_COST', 20000, 10, 10_000_000),
      maxAliases: integer(env, 'QUERY_MAX_ALIASES', 30, 1, 1000),
      maxTokens: integer(env, 'QUERY_MAX_TOKENS', 2000, 50, 100_000),
      maxBatch: integer(env, 'QUERY_MAX_BATCH', 1, 1, 100),
    },
    database: {
      connectTimeoutMs: integer(env, 'DB_CONNECT_TIMEOUT_MS', 3000, 100, 120_000),
      statementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', 5000, 100, 600_000),
      poolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    },
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    trustProxy: trustProxy(env),
    cacheTtlSeconds: integer(env, 'CACHE_TTL_SECONDS', 300, 0, 86_400),
    isResponseCacheOn: flag(env, 'RESPONSE_CACHE', true),
    logLevel: logLevel(env, nodeEnv === 'test' ? 'silent' : 'info'),
    limits: {
      bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
      rateLimitWindowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1000, 3_600_000),
      rateLimitPerIp: integer(env, 'RATE_LIMIT_PER_IP', 600, 0, 10_000_000),
      rateLimitPerKey: integer(env, 'RATE_LIMIT_PER_KEY', 1200, 0, 10_000_000),
      shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
      shutdownDrainMs: integer(env, 'SHUTDOWN_DRAIN_MS', 0, 0, 600_000),
    },
    live: {
      isOn: flag(env, 'LIVE_UPDATES', true),
      maxConnectionsPerIp: integer(env, 'LIVE_MAX_CONNECTIONS_PER_IP', 20, 1, 1_000_000),
      maxSubscriptionsPerConnection: integer(env, 'LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 1000),
      maxMessageBytes: integer(env, 'LIVE_MAX_MESSAGE_BYTES', 16 * 1024, 1024, 1024 * 1024),
      maxBufferedBytes: integer(env, 'LIVE_MAX_BUFFERED_BYTES', 1024 * 1024, 16 * 1024, 256 * 1024 * 1024),
      keepAliveMs: integer(env, 'LIVE_KEEP_ALIVE_MS', 15_000, 0, 600_000),
    },
    idempotencyTtlHours: integer(env, 'IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 365),
    httpCaching: {
      maxAgeSeconds: integer(env, 'CACHE_MAX_AGE_SECONDS', 0, 0, 86_400),
      staleWhileRevalidateSeconds: integer(env, 'CACHE_STALE_WHILE_REVALIDATE_SECONDS', 60, 0, 86_400),
    },
    persistedQueries: {
      isSafelistOnly: flag(env, 'PERSISTED_QUERIES_ONLY', false),
      maxStored: integer(env, 'PERSISTED_QUERIES_MAX', 10_000, 10, 1_000_000),
    },
    replicas: {
      urls: replicaUrls(env),
      maxLagMs: integer(env, 'REPLICA_MAX_LAG_MS', 5000, 0, 3_600_000),
      checkIntervalMs: integer(env, 'REPLICA_CHECK_INTERVAL_MS', 1000, 50, 60_000),
    },
  };
}

/** Injection token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
