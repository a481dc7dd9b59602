import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Forbidden, Unauthenticated } from '../common/domain-errors.js';
import type { GraphqlContext, Role } from '../common/graphql-context.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ApiKeysService } from './api-keys.service.js';
import { REQUIRED_ROLE } from '../common/requires-role.decorator.js';

/**
 * Who may do what, for every root field: reads are public unless REQUIRE_AUTH_FOR_READS, every
 * mutation needs an ADMIN key, and operations marked @RequiresRole need that role. A key that is
 * sent but not live is refused even where none is needed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    if (execution.getType<GqlContextType>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(execution);
    const context = gql.getContext<GraphqlContext>();
    const caller = await this.apiKeys.callerOf(context.req);
    context.caller = caller;

    const isMutation = gql.getInfo<GraphQLResolveInfo>().parentType.name === 'Mutation';
    const needed: Role | undefined =
      this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, [execution.getHandler(), execution.getClass()]) ??
      (isMutation ? 'ADMIN' : this.config.requireAuthForReads ? 'VIEWER' : undefined);
    if (!needed) return true;
    if (!caller) throw new Unauthenticated('This operation needs an API key: send Authorization: Bearer <key>');
    if (needed === 'ADMIN' && caller.role !== 'ADMIN') {
      throw new Forbidden(`The key "${caller.keyName}" is a viewer key; this operation needs an admin key`);
    }
    return true;
  }
}
