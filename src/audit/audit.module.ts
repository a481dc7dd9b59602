import { Global, Module } from '@nestjs/common';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';
import { AuditedWriteService } from './audited-write.service.js';
import { IdempotencyScopePlugin } from './idempotency-scope.plugin.js';

@Global()
@Module({
  providers: [AuditService, AuditedWriteService, AuditResolver, IdempotencyScopePlugin],
  exports: [AuditedWriteService, AuditService],
})
export class AuditModule {}
