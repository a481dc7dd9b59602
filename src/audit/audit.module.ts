import { Global, Module } from '@nestjs/common';
import { AuditResolver } from './audit.resolver.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { AuditedWriteService } from './audited-write.service.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { IdempotencyScopePlugin } from './idempotency-scope.plugin.js';

@Global()
@Module({
  providers: [
    AuditRepository,
    IdempotencyRepository,
    AuditService,
    AuditedWriteService,
    AuditResolver,
    IdempotencyScopePlugin,
  ],
  exports: [AuditedWriteService, AuditService],
})
export class AuditModule {}
