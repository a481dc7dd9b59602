import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ReadReplicasService } from '../replication/read-replicas.service.js';

/** The parts of a pg Pool we read; TypeORM keeps it as `driver.master`. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Prometheus metrics of one running service, in a registry of its own (not prom-client's global
 * one), so several apps in one process (the tests) never collide.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending its response',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** Requests read and not yet answered: what a drain on shutdown waits for. A scrape counts itself. */
  private readonly httpInFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'HTTP requests received and not yet answered, this scrape included',
    registers: [this.registry],
  });

  readonly graphqlOperations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations, by type (query, mutation, unknown when it did not parse) and outcome',
    labelNames: ['operation_type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    replicas: ReadReplicasService,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const pool = () => (this.db.driver as unknown as { master?: PoolCounts }).master;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections: total open, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const counts = pool();
        if (!counts) return;
        this.set({ state: 'total' }, counts.totalCount);
        this.set({ state: 'idle' }, counts.idleCount);
        this.set({ state: 'waiting' }, counts.waitingCount);
      },
    });
    new Gauge({
      name: 'db_replica_pool_connections',
      help: 'Each read replica pool: connections open, idle, and requests waiting for one',
      labelNames: ['replica', 'state'] as const,
      registers: [this.registry],
      collect() {
        for (const { name, pool } of replicas.report()) {
          this.set({ replica: name, state: 'total' }, pool.total);
          this.set({ replica: name, state: 'idle' }, pool.idle);
          this.set({ replica: name, state: 'waiting' }, pool.waiting);
        }
      },
    });
    new Gauge({
      name: 'db_replica_lag_seconds',
      help: 'Each read replica: how long ago the primary had written what it has not replayed yet (measured)',
      labelNames: ['replica'] as const,
      registers: [this.registry],
      collect() {
        for (const { name, lagMs } of replicas.report()) if (lagMs !== null) this.set({ replica: name }, lagMs / 1000);
      },
    });
    new Counter({
      name: 'db_reads_total',
      help: 'Reads routed while read replicas are configured, by the server that took them (primary or a replica)',
      labelNames: ['server'] as const,
      registers: [this.registry],
      collect() {
        if (!replicas.isEnabled) return;
        this.reset();
        this.inc({ server: 'primary' }, replicas.primaryReads);
        for (const { name, reads } of replicas.report()) this.inc({ server: name }, reads);
      },
    });
    new Gauge({
      name: 'db_replica_usable',
      help: 'Each read replica: 1 when it takes reads (up and within REPLICA_MAX_LAG_MS), 0 otherwise',
      labelNames: ['replica'] as const,
      registers: [this.registry],
      collect() {
        for (const { name, state } of replicas.report()) this.set({ replica: name }, state === 'up' ? 1 : 0);
      },
    });
  }

  /** Counts and times every HTTP response. Unknown paths share one label, so hostile URLs add no series. */
  installHttpHooks(fastify: FastifyInstance): void {
    // A request leaves the gauge once: when answered, or when its client gives up first.
    const inFlight = new WeakSet<FastifyRequest>();
    const leave = (request: FastifyRequest) => {
      if (inFlight.delete(request)) this.httpInFlight.dec();
    };
    fastify.addHook('onRequest', async (request: FastifyRequest) => {
      inFlight.add(request);
      this.httpInFlight.inc();
    });
    fastify.addHook('onRequestAbort', async (request: FastifyRequest) => leave(request));
    fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      leave(request);
      const labels = {
        method: ['GET', 'POST', 'OPTIONS', 'HEAD'].includes(request.method) ? request.method : 'OTHER',
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      };
      this.httpRequests.inc(labels);
      this.httpDuration.observe(labels, reply.elapsedTime / 1000);
    });
  }
}
