import { Injectable } from '@nestjs/common';
import type { WriteTransaction } from '../audit/write-transaction.js';
import { assertDateInOrder } from '../common/calendar-date.js';
import { AlreadyExists, InvalidInput, NotFound, VersionConflict } from '../common/domain-errors.js';
import { INPUT_LIMITS, requiredText } from '../common/input-rules.js';
import { SourcesService, type CitedSource } from '../sources/sources.service.js';
import type { CoalitionEventEntity } from './coalition-event.entity.js';
import type { CoalitionEntity } from './coalition.entity.js';
import { CoalitionRepository, type EditableCoalition, type NewCoalition } from './coalition.repository.js';
import type { EngagementEntity } from './engagement.entity.js';
import type { LineOfEffortEntity } from './line-of-effort.entity.js';

/** Every write below names its audit operation and the sources it cites. */
interface Recorded {
  sources: readonly CitedSource[];
  /** The audit entry's operation, e.g. `createCoalition`, `seedCoalition`, `datasetRevision`. */
  operation: string;
}

export type CoalitionFacts = NewCoalition & Recorded;
export type CoalitionEventFacts = Omit<CoalitionEventEntity, 'id'> & Recorded;
export type EngagementFacts = Omit<EngagementEntity, 'id'> &
  Recorded & { /** How a refusal names it. */ participant: string };
export type LineOfEffortFacts = Omit<LineOfEffortEntity, 'id'> & Recorded;

/** An update of a coalition: only the fields given change (`undefined` keeps, `null` clears). */
export interface CoalitionUpdate {
  slug: string;
  expectedVersion: number;
  changes: { [Field in keyof EditableCoalition]?: EditableCoalition[Field] | null };
  operation: string;
}

/**
 * The one writer of a coalition and of its events, engagements and lines of effort (its reported
 * figures have ReportedFiguresService). Each function works inside the caller's WriteTransaction
 * (a mutation's, or the seed's with a system actor such as `dataset:r2`), checks the rules, cites
 * the sources and writes the audit entry with before and after.
 */
@Injectable()
export class CoalitionRecordsService {
  constructor(
    private readonly coalitions: CoalitionRepository,
    private readonly sources: SourcesService,
  ) {}

  /** A new coalition; its slug must be free, its launch no later than today. */
  async createCoalition(tx: WriteTransaction, facts: CoalitionFacts): Promise<CoalitionEntity> {
    if (facts.launchedOn) assertDateInOrder(facts.launchedOn, 'launchedOn');
    if (await this.coalitions.bySlug(facts.slug, tx.manager)) {
      throw new AlreadyExists(`A coalition with the slug "${facts.slug}" already exists`, { argument: 'slug' });
    }
    const { sources, operation, ...coalition } = facts;
    const row = await this.coalitions.insertCoalition(tx.manager, coalition);
    await this.sources.cite(tx.manager, 'coalition', row.id, sources);
    await tx.recordChange({
      operation,
      before: null,
      after: row,
      subject: { kind: 'COALITION', id: row.id, coalitionId: row.id },
    });
    return row;
  }

  /** Changes what is given, if nobody changed the coalition since `expectedVersion`. */
  async updateCoalition(tx: WriteTransaction, update: CoalitionUpdate): Promise<CoalitionEntity> {
    const existing = await this.coalitions.lockBySlug(tx.manager, update.slug);
    if (!existing) throw new NotFound(`No coalition has the slug "${update.slug}"`, { argument: 'slug' });
    if (existing.version !== update.expectedVersion) {
      throw new VersionConflict(
        `The coalition is at version ${existing.version}, not ${update.expectedVersion}: someone changed it; read it again`,
        { currentVersion: existing.version },
      );
    }
    const { changes } = update;
    if (changes.name === null) throw new InvalidInput('name', 'name must not be empty');
    if (changes.launchedOn) assertDateInOrder(changes.launchedOn, 'launchedOn');
    const row = await this.coalitions.updateCoalition(tx.manager, existing.id, {
      name: changes.name ?? existing.name,
      description: changes.description === undefined ? existing.description : changes.description,
      rosterNote: changes.rosterNote === undefined ? existing.rosterNote : changes.rosterNote,
      launchedOn: changes.launchedOn === undefined ? existing.launchedOn : changes.launchedOn,
    });
    await tx.recordChange({
      operation: update.operation,
      before: existing,
      after: row,
      subject: { kind: 'COALITION', id: row.id, coalitionId: row.id },
    });
    return row;
  }

  /** Something that happened to the coalition: dated no later than today, once per day and title. */
  async recordEvent(tx: WriteTransaction, facts: CoalitionEventFacts): Promise<CoalitionEventEntity> {
    const title = requiredText(facts.title, 'title', INPUT_LIMITS.coalitionEventTitle);
    assertDateInOrder(facts.occurredOn, 'occurredOn');
    if (await this.coalitions.hasEvent(tx.manager, facts.coalitionId, facts.occurredOn, title)) {
      throw new AlreadyExists(`The coalition already has the event "${title}" on ${facts.occurredOn}`);
    }
    const row = await this.coalitions.insertEvent(tx.manager, {
      coalitionId: facts.coalitionId,
      occurredOn: facts.occurredOn,
      title,
    });
    await this.sources.cite(tx.manager, 'coalition_event', row.id, facts.sources);
    await tx.recordChange({
      operation: facts.operation,
      before: null,
      after: row,
      subject: { kind: 'COALITION_EVENT', id: row.id, coalitionId: row.coalitionId },
    });
    return row;
  }

  /**
   * A participant seen working with the coalition whom no source confirms as a member: any
   * participant, a country reported but unconfirmed as well as an organisation; one per coalition.
   */
  async recordEngagement(tx: WriteTransaction, facts: EngagementFacts): Promise<EngagementEntity> {
    const note = requiredText(facts.note, 'note', INPUT_LIMITS.note);
    if (await this.coalitions.hasEngagement(tx.manager, facts.coalitionId, facts.participantId)) {
      throw new AlreadyExists(`An engagement of ${facts.participant} with this coalition is already on record`, {
        argument: 'participant',
      });
    }
    const row = await this.coalitions.insertEngagement(tx.manager, {
      coalitionId: facts.coalitionId,
      participantId: facts.participantId,
      note,
    });
    await this.sources.cite(tx.manager, 'engagement', row.id, facts.sources);
    await tx.recordChange({
      operation: facts.operation,
      before: null,
      after: row,
      subject: { kind: 'ENGAGEMENT', id: row.id, coalitionId: row.coalitionId },
    });
    return row;
  }

  /** One of the coalition's aims and its working group (written by the seed only, so far). */
  async recordLineOfEffort(tx: WriteTransaction, facts: LineOfEffortFacts): Promise<LineOfEffortEntity> {
    const { sources, operation, ...line } = facts;
    const id = await this.coalitions.insertLineOfEffort(tx.manager, line);
    await this.sources.cite(tx.manager, 'line_of_effort', id, sources);
    const row = { id, ...line };
    await tx.recordChange({
      operation,
      before: null,
      after: row,
      subject: { kind: 'LINE_OF_EFFORT', id, coalitionId: row.coalitionId },
    });
    return row;
  }
}
