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
    description:
      'Invite a participant (or re-invite one that declined or withdrew). Admin key only; audited; idempotent by Idempotency-Key.',
  })
  recordInvitation(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'The invitation: who, to which coalition, when, on whose word.' })
    input: RecordInvitationInput,
  ): Promise<Membership> {
    return this.writes.recordInvitation(write, input);
  }

  @Mutation(() => Membership, {
    description:
      'Move a membership to a new status, with its source. Admin key only; audited; idempotent by Idempotency-Key.',
  })
  changeMembershipStatus(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'The change: which membership, the new status, when, on whose word.' })
    input: ChangeMembershipStatusInput,
  ): Promise<Membership> {
    return this.writes.changeStatus(write, input);
  }
}
