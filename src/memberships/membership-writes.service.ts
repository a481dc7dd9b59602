import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import { CoalitionsService } from '../coalitions/coalitions.service.js';
import { assertDateInOrder, parseCalendarDate } from '../common/calendar-date.js';
import { DatePrecision } from '../common/date-precision.js';
import { NotFound, VersionConflict } from '../common/domain-errors.js';
import type { GraphqlContext } from '../common/graphql-context.js';
import { optionalText } from '../common/text-input.js';
import { parseParticipantCode } from '../participants/participant-code.js';
import { ParticipantsService } from '../participants/participants.service.js';
import type { SourceInputLike } from '../sources/sources.service.js';
import { SourcesService } from '../sources/sources.service.js';
import type { ChangeMembershipStatusInput, RecordInvitationInput } from './dto/membership-writes.input.js';
import { MembershipEventEntity } from './membership-event.entity.js';
import { assertTransition, MembershipStatus } from './membership-status.js';
import { toMembership } from './membership-state.sql.js';
import { MembershipEntity } from './membership.entity.js';
import type { Membership } from './membership.model.js';

export function membershipOf(row: MembershipEntity): Membership {
  return toMembership(
    {
      id: row.id,
      coalition_id: row.coalitionId,
      participant_id: row.participantId,
      status: row.status,
      status_since: row.statusSince,
      status_since_precision: row.statusSincePrecision,
      invited_on: row.invitedOn,
      role: row.role,
      note: row.note,
      version: row.version,
    },
    null,
  );
}

const recorder = (context: GraphqlContext) => context.caller?.keyName ?? 'unknown';

/** What moves a membership: invitations and status changes, each one audited transaction. */
@Injectable()
export class MembershipWritesService {
  constructor(
    private readonly writes: AuditedWriteService,
    private readonly coalitions: CoalitionsService,
    private readonly participants: ParticipantsService,
    private readonly sources: SourcesService,
  ) {}

  /** Creates an INVITED membership, or re-invites a participant that declined or withdrew. */
  recordInvitation(context: GraphqlContext, input: RecordInvitationInput): Promise<Membership> {
    return this.writes.perform(context, 'recordInvitation', input, async (manager) => {
      const { coalitionId, participantId } = await this.resolveParties(input.coalition, input.participant);
      const invitedOn = parseCalendarDate(input.invitedOn, 'invitedOn');
      const note = optionalText(input.note, 'note', 2000);
      const existing = await this.lockMembership(manager, coalitionId, participantId);
      const before = existing ? membershipOf(existing) : null;
      const memberships = manager.getRepository(MembershipEntity);
      let row: MembershipEntity;
      if (existing) {
        assertTransition(existing.status, MembershipStatus.INVITED);
        assertDateInOrder(invitedOn, 'invitedOn', await this.lastEventDate(manager, existing.id));
        await memberships.update(existing.id, {
          status: MembershipStatus.INVITED,
          invitedOn,
          statusSince: invitedOn,
          statusSincePrecision: DatePrecision.DAY,
          note: note ?? existing.note,
          version: existing.version + 1,
        });
        row = await memberships.findOneByOrFail({ id: existing.id });
      } else {
        assertDateInOrder(invitedOn, 'invitedOn');
        row = await memberships.save({
          coalitionId,
          participantId,
          status: MembershipStatus.INVITED,
          invitedOn,
          statusSince: invitedOn,
          statusSincePrecision: DatePrecision.DAY,
          role: null,
          note,
        });
      }
      await this.appendEvent(manager, recorder(context), row, invitedOn, note, input.source ?? null);
      const after = membershipOf(row);
      return { result: after, before, after };
    });
  }

  /** Moves a membership along the state machine, if nobody changed it since `expectedVersion`. */
  changeStatus(context: GraphqlContext, input: ChangeMembershipStatusInput): Promise<Membership> {
    return this.writes.perform(context, 'changeMembershipStatus', input, async (manager) => {
      const { coalitionId, participantId, code } = await this.resolveParties(input.coalition, input.participant);
      const effectiveOn = parseCalendarDate(input.effectiveOn, 'effectiveOn');
      const note = optionalText(input.note, 'note', 2000);
      const existing = await this.lockMembership(manager, coalitionId, participantId);
      if (!existing) throw new NotFound(`${code} has no membership of ${input.coalition}; record an invitation first`);
      if (existing.version !== input.expectedVersion) {
        throw new VersionConflict(
          `The membership is at version ${existing.version}, not ${input.expectedVersion}: someone changed it; read it again`,
          { currentVersion: existing.version },
        );
      }
      assertTransition(existing.status, input.status);
      assertDateInOrder(effectiveOn, 'effectiveOn', await this.lastEventDate(manager, existing.id));
      const memberships = manager.getRepository(MembershipEntity);
      await memberships.update(existing.id, {
        status: input.status,
        statusSince: effectiveOn,
        statusSincePrecision: DatePrecision.DAY,
        version: existing.version + 1,
      });
      const row = await memberships.findOneByOrFail({ id: existing.id });
      await this.appendEvent(manager, recorder(context), row, effectiveOn, note, input.source);
      return { result: membershipOf(row), before: membershipOf(existing), after: membershipOf(row) };
    });
  }

  /** The coalition and participant a write names, or NOT_FOUND naming the argument. */
  async resolveParties(coalitionSlug: string, participantCode: string) {
    const code = parseParticipantCode(participantCode, 'participant');
    const coalition = await this.coalitions.findBySlug(coalitionSlug, 'coalition');
    if (!coalition) throw new NotFound(`No coalition has the slug "${coalitionSlug}"`, { argument: 'coalition' });
    const participant = await this.participants.findEntityByCode(code);
    if (!participant) throw new NotFound(`No participant has the code "${code}"`, { argument: 'participant' });
    return { coalitionId: coalition.id, participantId: participant.id, code: participant.code };
  }

  /** Row lock: concurrent writers to one membership queue here, and the later one sees the new version. */
  private lockMembership(manager: EntityManager, coalitionId: string, participantId: string) {
    return manager
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.coalition_id = :coalitionId AND m.participant_id = :participantId', { coalitionId, participantId })
      .getOne();
  }

  async lastEventDate(manager: EntityManager, membershipId: string): Promise<string | null> {
    const [last] = await manager.query(
      `SELECT max(effective_on)::text AS date FROM membership_event WHERE membership_id = $1`,
      [membershipId],
    );
    return (last?.date as string | null) ?? null;
  }

  /** The history entry for the status a membership just took, with its source. */
  async appendEvent(
    manager: EntityManager,
    recordedBy: string,
    membership: MembershipEntity,
    effectiveOn: string,
    note: string | null,
    source: SourceInputLike | null,
    isAttested = false,
  ): Promise<void> {
    const event = await manager.getRepository(MembershipEventEntity).save({
      membershipId: membership.id,
      status: membership.status,
      effectiveOn,
      effectiveOnPrecision: DatePrecision.DAY,
      isAttested,
      recordedBy,
      note,
    });
    if (source) {
      const row = await this.sources.findOrCreate(manager, source);
      await this.sources.cite(manager, 'membership_event', event.id, [row.id]);
    }
  }
}
