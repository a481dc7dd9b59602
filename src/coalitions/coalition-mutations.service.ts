import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import { NotFound } from '../common/domain-errors.js';
import { requiredId } from '../common/input-rules.js';
import type { WriteRequest } from '../common/write-request.js';
import { parseParticipantCode } from '../participants/participant-code.js';
import type { ParticipantEntity } from '../participants/participant.entity.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { CoalitionRecordsService } from './coalition-records.service.js';
import type { CoalitionEventEntity } from './coalition-event.entity.js';
import type { CoalitionEntity } from './coalition.entity.js';
import { CoalitionsService, parseSlug } from './coalitions.service.js';
import type {
  CreateCoalitionInput,
  RecordCoalitionEventInput,
  RecordEngagementInput,
  RecordReportedFigureInput,
  RetractReportedFigureInput,
  UpdateCoalitionInput,
} from './dto/coalition-writes.input.js';
import type { EngagementEntity } from './engagement.entity.js';
import type { ReportedFigureEntity } from './reported-figure.entity.js';
import { ReportedFiguresService } from './reported-figures.service.js';

/**
 * The coalition mutations: each one audited transaction (AuditedWriteService.perform) that resolves
 * what the input names (a slug, a participant code) and hands the facts to their one writer
 * (CoalitionRecordsService, ReportedFiguresService), where the rules are.
 */
@Injectable()
export class CoalitionMutationsService {
  constructor(
    private readonly writes: AuditedWriteService,
    private readonly coalitions: CoalitionsService,
    private readonly records: CoalitionRecordsService,
    private readonly figures: ReportedFiguresService,
    private readonly participants: ParticipantsService,
  ) {}

  createCoalition(write: WriteRequest, input: CreateCoalitionInput): Promise<CoalitionEntity> {
    return this.writes.perform(write, 'createCoalition', input, async (tx) =>
      this.records.createCoalition(tx, {
        slug: parseSlug(input.slug, 'slug'),
        name: input.name,
        description: input.description ?? null,
        foundingText: null,
        launchedOn: input.launchedOn ?? null,
        convenerId: input.convener ? (await this.participant(tx.manager, input.convener, 'convener')).id : null,
        rosterNote: input.rosterNote ?? null,
        sources: [input.source],
        operation: 'createCoalition',
      }),
    );
  }

  updateCoalition(write: WriteRequest, input: UpdateCoalitionInput): Promise<CoalitionEntity> {
    return this.writes.perform(write, 'updateCoalition', input, async (tx) =>
      this.records.updateCoalition(tx, {
        slug: parseSlug(input.slug, 'slug'),
        expectedVersion: input.expectedVersion,
        changes: {
          name: input.name,
          description: input.description,
          rosterNote: input.rosterNote,
          launchedOn: input.launchedOn,
        },
        operation: 'updateCoalition',
      }),
    );
  }

  recordReportedFigure(write: WriteRequest, input: RecordReportedFigureInput): Promise<ReportedFigureEntity> {
    return this.writes.perform(write, 'recordReportedFigure', input, async (tx) => {
      const { coalition, source, ...figure } = input;
      return this.figures.record(tx, {
        ...figure,
        coalitionId: await this.coalitionId(coalition),
        sources: [source],
        operation: 'recordReportedFigure',
      });
    });
  }

  retractReportedFigure(write: WriteRequest, input: RetractReportedFigureInput): Promise<ReportedFigureEntity> {
    return this.writes.perform(write, 'retractReportedFigure', input, async (tx) => {
      return this.figures.retract(tx, {
        id: requiredId(input.id, 'id', 'a reported figure'),
        reason: input.reason,
        expectedVersion: input.expectedVersion,
        sources: input.source ? [input.source] : [],
        operation: 'retractReportedFigure',
      });
    });
  }

  recordCoalitionEvent(write: WriteRequest, input: RecordCoalitionEventInput): Promise<CoalitionEventEntity> {
    return this.writes.perform(write, 'recordCoalitionEvent', input, async (tx) =>
      this.records.recordEvent(tx, {
        coalitionId: await this.coalitionId(input.coalition),
        occurredOn: input.occurredOn,
        title: input.title,
        sources: [input.source],
        operation: 'recordCoalitionEvent',
      }),
    );
  }

  recordEngagement(write: WriteRequest, input: RecordEngagementInput): Promise<EngagementEntity> {
    return this.writes.perform(write, 'recordEngagement', input, async (tx) => {
      const participant = await this.participant(tx.manager, input.participant, 'participant');
      return this.records.recordEngagement(tx, {
        coalitionId: await this.coalitionId(input.coalition),
        participantId: participant.id,
        participant: participant.code,
        note: input.note,
        sources: [input.source],
        operation: 'recordEngagement',
      });
    });
  }

  private async coalitionId(slug: string): Promise<string> {
    const coalition = await this.coalitions.findBySlug(slug, 'coalition');
    if (!coalition) throw new NotFound(`No coalition has the slug "${slug}"`, { argument: 'coalition' });
    return coalition.id;
  }

  private async participant(manager: EntityManager, raw: string, argument: string): Promise<ParticipantEntity> {
    const code = parseParticipantCode(raw, argument);
    const participant = await this.participants.findEntityByCode(code, manager);
    if (!participant) throw new NotFound(`No participant has the code "${code}"`, { argument });
    return participant;
  }
}
