import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { isFieldSelected } from '../common/field-selection.js';
import { RequiresRole } from '../common/requires-role.decorator.js';
import type { Connection } from '../common/pagination.js';
import { pagedListCost } from '../common/query-limits.js';
import type { AuditEntryEntity } from './audit-entry.entity.js';
import { AuditEntry, AuditEntryConnection, AuditLogArgs } from './audit.model.js';
import { AuditService } from './audit.service.js';

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @RequiresRole('ADMIN')
  @Query(() => AuditEntryConnection, {
    description: 'Every recorded write, newest first (admin keys only).',
    complexity: pagedListCost(50),
  })
  auditLog(@Args() args: AuditLogArgs, @Info() info: GraphQLResolveInfo): Promise<Connection<AuditEntryEntity>> {
    return this.audit.page(args, isFieldSelected(info, 'totalCount'));
  }
}
