import { UsePipes } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { InputValidationPipe } from '../common/input-validation.js';
import { CurrentWriteRequest, type WriteRequest } from '../common/write-request.js';
import { CorrectMembershipEventInput, RetractMembershipEventInput } from './dto/membership-corrections.input.js';
import { ChangeMembershipStatusInput, RecordInvitationInput } from './dto/membership-writes.input.js';
import { MembershipCorrectionsService } from './membership-corrections.service.js';
import { MembershipWritesService } from './membership-writes.service.js';
import { Membership } from './membership.model.js';

@UsePipes(InputValidationPipe)
@Resolver(() => Membership)
export class MembershipMutationsResolver {
  constructor(
    private readonly writes: MembershipWritesService,
    private readonly corrections: MembershipCorrectionsService,
  ) {}

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

  @Mutation(() => Membership, {
    description:
      'Withdraw one event from a membership history, with the reason: it stays on record, retracted, and status, stats and the timeline no longer follow it. Refused (BAD_USER_INPUT naming the event) when the standing history would break the state machine or date order. Admin.',
  })
  retractMembershipEvent(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', {
      description: 'Which event, why it no longer counts, and the version of its membership last read.',
    })
    input: RetractMembershipEventInput,
  ): Promise<Membership> {
    return this.corrections.retractEvent(write, input);
  }

  @Mutation(() => Membership, {
    description:
      'Correct one event of a membership history: a new event, with its source, replaces it (the old one stays on record, retracted with the reason). Refused (BAD_USER_INPUT naming the event) when the standing history would break the state machine or date order. Admin.',
  })
  correctMembershipEvent(
    @CurrentWriteRequest() write: WriteRequest,
    @Args('input', { description: 'Which event, why, the source, and what the replacing event says.' })
    input: CorrectMembershipEventInput,
  ): Promise<Membership> {
    return this.corrections.correctEvent(write, input);
  }
}
