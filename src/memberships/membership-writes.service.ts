import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import { CoalitionsService } from '../coalitions/coalitions.service.js';
import { NotFound } from '../common/domain-errors.js';
import type { WriteRequest } from '../common/write-request.js';
import { parseParticipantCode } from '../participants/participant-code.js';
import { ParticipantsService } from '../participants/participants.service.js';
import type { ChangeMembershipStatusInput, RecordInvitationInput } from './dto/membership-writes.input.js';
import { MembershipLedger } from './membership-ledger.js';
import { MembershipStatus } from './membership-status.js';
import type { Membership } from './membership.model.js';

/** The coalition and participant a write names, resolved (ids) and as a refusal names them. */
export interface MembershipParties {
  coalitionId: string;
  participantId: string;
  names: { coalition: string; participant: string };
}

/** What moves a membership through the API: invitations and status changes, each one audited transaction. */
@Injectable()
export class MembershipWritesService {
  constructor(
    private readonly writes: AuditedWriteService,
    private readonly ledger: MembershipLedger,
    private readonly coalitions: CoalitionsService,
    private readonly participants: ParticipantsService,
  ) {}

  /** Creates an INVITED membership, or re-invites a participant that declined or withdrew. */
  recordInvitation(write: WriteRequest, input: RecordInvitationInput): Promise<Membership> {
    return this.writes.perform(write, 'recordInvitation', input, async (tx) => {
      const parties = await this.resolveParties(tx.manager, input.coalition, input.participant);
      const outcome = await this.ledger.record(tx, {
        ...parties,
        status: MembershipStatus.INVITED,
        effectiveOn: input.invitedOn,
        dateField: 'invitedOn',
        ifAbsent: 'create',
        note: input.note,
        replacesMembershipNote: true,
        sources: input.source ? [input.source] : [],
        operation: 'recordInvitation',
      });
      return outcome.after;
    });
  }

  /** Moves a membership along the state machine, if nobody changed it since `expectedVersion`. */
  changeStatus(write: WriteRequest, input: ChangeMembershipStatusInput): Promise<Membership> {
    return this.writes.perform(write, 'changeMembershipStatus', input, async (tx) => {
      const parties = await this.resolveParties(tx.manager, input.coalition, input.participant);
      const outcome = await this.ledger.record(tx, {
        ...parties,
        status: input.status,
        effectiveOn: input.effectiveOn,
        dateField: 'effectiveOn',
        ifAbsent: 'refuse',
        expectedVersion: input.expectedVersion,
        note: input.note,
        sources: [input.source],
        operation: 'changeMembershipStatus',
      });
      return outcome.after;
    });
  }

  /** The coalition and participant a write names, or NOT_FOUND naming the argument. */
  async resolveParties(
    manager: EntityManager,
    coalitionSlug: string,
    participantCode: string,
  ): Promise<MembershipParties> {
    const code = parseParticipantCode(participantCode, 'participant');
    const coalition = await this.coalitions.findBySlug(coalitionSlug, 'coalition');
    if (!coalition) throw new NotFound(`No coalition has the slug "${coalitionSlug}"`, { argument: 'coalition' });
    const participant = await this.participants.findEntityByCode(code, manager);
    if (!participant) throw new NotFound(`No participant has the code "${code}"`, { argument: 'participant' });
    return {
      coalitionId: coalition.id,
      participantId: participant.id,
      names: { coalition: coalitionSlug, participant: participant.code },
    };
  }
}
