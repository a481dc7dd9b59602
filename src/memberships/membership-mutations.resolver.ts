import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../common/graphql-context.js';
import { ChangeMembershipStatusInput, RecordInvitationInput } from './dto/membership-writes.input.js';
import { MembershipWritesService } from './membership-writes.service.js';
import { Membership } from './membership.model.js';

@Resolver(() => Membership)
export class MembershipMutationsResolver {
  constructor(private readonly writes: MembershipWritesService) {}

  @Mutation(() => Membership, {
    description: 'Invite a participant (or re-invite one that declined or withdrew). Admin.',
  })
  recordInvitation(
    @Context() context: GraphqlContext,
    @Args('input') input: RecordInvitationInput,
  ): Promise<Membership> {
    return this.writes.recordInvitation(context, input);
  }

  @Mutation(() => Membership, { description: 'Move a membership to a new status, with its source. Admin.' })
  changeMembershipStatus(
    @Context() context: GraphqlContext,
    @Args('input') input: ChangeMembershipStatusInput,
  ): Promise<Membership> {
    return this.writes.changeStatus(context, input);
  }
}
