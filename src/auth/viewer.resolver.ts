import { Context, Query, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../common/graphql-context.js';
import { KeyRole, Viewer } from './viewer.model.js';

/** Lets a page show who is signed in, and check a key before it keeps it. */
@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, {
    nullable: true,
    description: 'The API key this request carries (its name and role); null when it carries none.',
  })
  viewer(@Context() context: GraphqlContext): Viewer | null {
    // The guard has already resolved the caller (and refused a key that is not live).
    const caller = context.caller;
    return caller ? { name: caller.keyName, role: KeyRole[caller.role] } : null;
  }
}
