import { UsePipes } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { InputValidationPipe } from '../common/input-validation.js';
import { CurrentWriteRequest, type WriteRequest } from '../common/write-request.js';
import { ChangeMembershipStatusInput, RecordInvitationInput } from './dto/membership-writes.input.js';
import { MembershipWritesService } from './membership-writes.service.js';
import { Membership } from './membership.model.js';

@UsePipes(InputValidationPipe)
@Resolver(() => Membership)
export class MembershipMutationsResolver {
  constructor(private readonly writes: MembershipWritesService) {}

  @Mutation(() => Membership, {
    description: 'Invite a participant (or re-invite one that declined or withdrew). Admin.',
  })
  recordInvitation(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input') input: RecordInvitationInput,
  ): Promise<Membership> {
    return this.writes.recordInvitation(write, input);
  }

  @Mutation(() => Membership, { description: 'Move a membership to a new status, with its source. Admin.' })
  changeMembershipStatus(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input') input: ChangeMembershipStatusInput,
  ): Promise<Membership> {
    return this.writes.changeStatus(write, input);
  }
}
