import { Injectable } from '@nestjs/common';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import { assertDateInOrder, parseCalendarDate } from '../common/calendar-date.js';
import { AlreadyExists, InvalidInput, NotFound, VersionConflict } from '../common/domain-errors.js';
import type { GraphqlContext } from '../common/graphql-context.js';
import { optionalText, requiredText } from '../common/text-input.js';
import { MembershipEntity } from '../memberships/membership.entity.js';
import { MembershipStatus } from '../memberships/membership-status.js';
import { MembershipWritesService } from '../memberships/membership-writes.service.js';
import { SourcesService } from '../sources/sources.service.js';
import { assertCommitmentTransition } from './commitment-status.js';
import { CommitmentEntity } from './commitment.entity.js';
import type { RecordCommitmentInput, UpdateCommitmentStatusInput } from './dto/commitment-writes.input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class CommitmentWritesService {
  constructor(
    private readonly writes: AuditedWriteService,
    private readonly memberships: MembershipWritesService,
    private readonly sources: SourcesService,
  ) {}

  /** Only a COMMITTED member can undertake something; the pledge cannot predate its membership. */
  recordCommitment(context: GraphqlContext, input: RecordCommitmentInput): Promise<CommitmentEntity> {
    return this.writes.perform(context, 'recordCommitment', input, async (manager) => {
      const title = requiredText(input.title, 'title', 300);
      const description = optionalText(input.description, 'description', 5000);
      const madeOn = parseCalendarDate(input.madeOn, 'madeOn');
      const parties = await this.memberships.resolveParties(input.coalition, input.participant);
      const membership = await manager
        .getRepository(MembershipEntity)
        .createQueryBuilder('m')
        .setLock('pessimistic_read')
        .where('m.coalition_id = :c AND m.participant_id = :p', { c: parties.coalitionId, p: parties.participantId })
        .getOne();
      if (!membership || membership.status !== MembershipStatus.COMMITTED) {
        throw new InvalidInput(
          'participant',
          `${parties.code} is ${membership ? membership.status : 'not a member'}; a commitment can be recorded only for a COMMITTED member`,
        );
      }
      assertDateInOrder(madeOn, 'madeOn');
      const commitments = manager.getRepository(CommitmentEntity);
      if (await commitments.existsBy({ membershipId: membership.id, title })) {
        throw new AlreadyExists(`${parties.code} already has a commitment titled "${title}"`);
      }
      const row = await commitments.save({
        membershipId: membership.id,
        title,
        description,
        lineOfEffort: input.lineOfEffort ?? null,
        status: input.status,
        madeOn,
        isAttested: false,
        note: null,
      });
      const source = await this.sources.findOrCreate(manager, input.source);
      await this.sources.cite(manager, 'commitment', row.id, [source.id]);
      return { result: row, before: null, after: row };
    });
  }

  updateStatus(context: GraphqlContext, input: UpdateCommitmentStatusInput): Promise<CommitmentEntity> {
    return this.writes.perform(context, 'updateCommitmentStatus', input, async (manager) => {
      if (!UUID.test(input.id)) throw new InvalidInput('id', 'id must be a commitment id (a UUID)');
      const note = optionalText(input.note, 'note', 2000);
      const commitments = manager.getRepository(CommitmentEntity);
      const existing = await commitments
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id: input.id })
        .getOne();
      if (!existing) throw new NotFound(`No commitment has the id ${input.id}`, { argument: 'id' });
      if (existing.version !== input.expectedVersion) {
        throw new VersionConflict(
          `The commitment is at version ${existing.version}, not ${input.expectedVersion}: someone changed it; read it again`,
          { currentVersion: existing.version },
        );
      }
      assertCommitmentTransition(existing.status, input.status);
      await commitments.update(existing.id, {
        status: input.status,
        note: note ?? existing.note,
        version: existing.version + 1,
      });
      const row = await commitments.findOneByOrFail({ id: existing.id });
      const source = await this.sources.findOrCreate(manager, input.source);
      await this.sources.cite(manager, 'commitment', row.id, [source.id]);
      return { result: row, before: existing, after: row };
    });
  }
}
