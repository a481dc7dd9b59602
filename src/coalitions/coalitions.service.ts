import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvalidInput } from '../common/domain-errors.js';
import { readConsistency } from '../database/read-routing.js';
import { groupInOrder, type RequestLoaders } from '../common/request-loaders.js';
import { RegistryChangesService } from '../response-cache/registry-changes.service.js';
import { CoalitionEventEntity } from './coalition-event.entity.js';
import type { CoalitionEntity } from './coalition.entity.js';
import { CoalitionRepository } from './coalition.repository.js';
import { EngagementEntity } from './engagement.entity.js';
import { LineOfEffortEntity } from './line-of-effort.entity.js';
import type { ReportedFigureEntity } from './reported-figure.entity.js';
import { ReportedFiguresService } from './reported-figures.service.js';

export function parseSlug(raw: string, argument: string): string {
  const slug = raw.trim().toLowerCase();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 100) {
    throw new InvalidInput(argument, `${argument} must be a coalition slug: lower-case letters, digits and hyphens`);
  }
  return slug;
}

@Injectable()
export class CoalitionsService {
  private readonly bySlug = new Map<string, CoalitionEntity>();

  constructor(
    private readonly coalitions: CoalitionRepository,
    private readonly figures: ReportedFiguresService,
    private readonly changes: RegistryChangesService,
  ) {
    changes.onChange(() => this.bySlug.clear());
  }

  list(): Promise<CoalitionEntity[]> {
    return this.coalitions.all();
  }

  /**
   * Coalitions are few and change rarely: kept in memory, forgotten on any change to the registry.
   * A read that asks to see a given write (X-Registry-Min-Position, or its own write) reads the row:
   * this instance may not have heard of that write yet, and its copy would be the one before it.
   */
  async findBySlug(rawSlug: string, argument = 'slug'): Promise<CoalitionEntity | null> {
    const slug = parseSlug(rawSlug, argument);
    const isAskingForAWrite = (readConsistency.getStore()?.minPosition ?? 0n) > 0n;
    const known = isAskingForAWrite ? undefined : this.bySlug.get(slug);
    if (known) return known;
    const generation = this.changes.generation;
    const row = await this.coalitions.bySlug(slug);
    if (row && generation === this.changes.generation && this.changes.isListening) this.bySlug.set(slug, row);
    return row;
  }

  /** Inside a write's transaction: a participant's engagement with the coalition, if any (a dataset revision's check). */
  engagementIn(manager: EntityManager, coalitionId: string, participantId: string): Promise<EngagementEntity | null> {
    return this.coalitions.engagementOf(manager, coalitionId, participantId);
  }

  /** Inside a write's transaction: the coalition as that transaction sees it (a dataset revision's check). */
  findIn(manager: EntityManager, slug: string): Promise<CoalitionEntity | null> {
    return this.coalitions.bySlug(slug, manager);
  }

  load(loaders: RequestLoaders, id: string): Promise<CoalitionEntity> {
    return loaders
      .get<string, CoalitionEntity>('coalition', async (ids) => {
        const rows = await this.coalitions.byIds(ids);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((coalitionId) => byId.get(coalitionId) ?? new Error(`coalition ${coalitionId} missing`));
      })
      .load(id);
  }

  /** Oldest first, so a dashboard can draw the reported growth as it was announced. */
  reportedFigures(
    loaders: RequestLoaders,
    coalitionId: string,
    includeRetracted = false,
  ): Promise<ReportedFigureEntity[]> {
    return this.figures.list(loaders, coalitionId, includeRetracted);
  }

  /** The figure `stats(asOf:)` reports for `date`, or null when none qualifies (see reportedFigureAsOf). */
  latestReportedFigure(coalitionId: string, date: string): Promise<ReportedFigureEntity | null> {
    return this.figures.asOf(coalitionId, date);
  }

  events(loaders: RequestLoaders, coalitionId: string): Promise<CoalitionEventEntity[]> {
    return this.childrenOf(loaders, CoalitionEventEntity, coalitionId, 'occurredOn');
  }

  linesOfEffort(loaders: RequestLoaders, coalitionId: string): Promise<LineOfEffortEntity[]> {
    return this.childrenOf(loaders, LineOfEffortEntity, coalitionId, 'workingGroup');
  }

  engagements(loaders: RequestLoaders, coalitionId: string): Promise<EngagementEntity[]> {
    return this.childrenOf(loaders, EngagementEntity, coalitionId, 'id');
  }

  /** Rows of a coalition's child table, batched over all coalitions a request asks about. */
  private childrenOf<Row extends { coalitionId: string; id: string }>(
    loaders: RequestLoaders,
    entity: new () => Row,
    coalitionId: string,
    orderBy: keyof Row & string,
  ): Promise<Row[]> {
    return loaders
      .get<string, Row[]>(`coalition:${entity.name}`, async (ids) => {
        const rows = await this.coalitions.childrenOf(entity, ids, orderBy);
        return groupInOrder(ids, rows, (row) => row.coalitionId);
      })
      .load(coalitionId);
  }
}
