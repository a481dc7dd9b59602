import { Controller, Get } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database-health.indicator.js';
import { ReadReplicasService } from '../replication/read-replicas.service.js';
import { ShutdownState } from './shutdown-state.js';
import { OPEN_WITHOUT_KEY } from '../security/open-routes.js';

/**
 * Probes for an orchestrator. Live: the process answers (never restart it for a database outage,
 * the pool recovers by itself). Ready: the service is not stopping, and the database answers and is
 * migrated; 503 otherwise, so a load balancer sends traffic elsewhere meanwhile. With replicas, each
 * one's state, lag and replay position too (informative: reads fall back to the primary).
 * Open without a key when reads are private: a load balancer holds none.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly shutdown: ShutdownState,
    private readonly replicas: ReadReplicasService,
  ) {}

  @Get('live')
  @RouteConfig(OPEN_WITHOUT_KEY)
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @RouteConfig(OPEN_WITHOUT_KEY)
  @HealthCheck()
  ready() {
    // Stopping: fail at once, without waiting on the database.
    if (this.shutdown.isShuttingDown) {
      return this.health.check([() => this.indicators.check('shutdown').down({ message: 'the service is stopping' })]);
    }
    return this.health.check([
      () => this.database.isReachable(),
      () => this.database.isMigrated(),
      ...(this.replicas.isEnabled ? [() => this.database.replicasReport()] : []),
    ]);
  }
}
