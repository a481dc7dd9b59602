import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database-health.indicator.js';

/**
 * Probes for an orchestrator. Live: the process answers (never restart it for a database outage,
 * the pool recovers by itself). Ready: the database answers and is migrated; 503 otherwise, so a
 * load balancer sends traffic elsewhere meanwhile.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.isReachable(), () => this.database.isMigrated()]);
  }
}
