import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { InvalidInput } from '../common/domain-errors.js';
import { RegistryChangesService } from '../response-cache/registry-changes.service.js';
import { groupInOrder, type RequestLoaders } from '../common/request-loaders.js';
import { CoalitionEventEntity } from './coalition-event.entity.js';
import { CoalitionEntity } from './coalition.entity.js';
import { EngagementEntity } from './engagement.entity.js';
import { LineOfEffortEntity } from './line-of-effort.entity.js';
import { ReportedFigureEntity } from './reported-figure.entity.js';

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
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: RegistryChangesService,
  ) {
    changes.onChange(() => this.bySlug.clear());
  }

  list(): Promise<CoalitionEntity[]> {
    return this.db.getRepository(CoalitionEntity).find({ order: { launchedOn: 'ASC', slug: 'ASC' } });
  }

  /** Coalitions are few and change rarely: kept in memory, forgotten on any change to the registry. */
  async findBySlug(rawSlug: string, argument = 'slug'): Promise<CoalitionEntity | null> {
    const slug = parseSlug(rawSlug, argument);
    const known = this.bySlug.get(slug);
    if (known) return known;
    const generation = this.changes.generation;
    const row = await this.db.getRepository(CoalitionEntity).findOneBy({ slug });
    if (row && generation === this.changes.generation && this.changes.isListening) this.bySlug.set(slug, row);
    return row;
  }

  load(loaders: RequestLoaders, id: string): Promise<CoalitionEntity> {
    return loaders
      .get<string, CoalitionEntity>('coalition', async (ids) => {
        const rows = await this.db.getRepository(CoalitionEntity).findBy({ id: In([...ids]) });
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((coalitionId) => byId.get(coalitionId) ?? new Error(`coalition ${coalitionId} missing`));
      })
      .load(id);
  }

  /** Oldest first, so a dashboard can draw the reported growth as it was announced. */
  reportedFigures(loaders: RequestLoaders, coalitionId: string): Promise<ReportedFigureEntity[]> {
    return this.childrenOf(loaders, ReportedFigureEntity, coalitionId, 'reportedOn');
  }

  /** The latest reported figure on or before `date`, or null when nothing had been reported yet. */
  async latestReportedFigure(coalitionId: string, date: string): Promise<ReportedFigureEntity | null> {
    return this.db
      .getRepository(ReportedFigureEntity)
      .createQueryBuilder('f')
      .where('f.coalition_id = :coalitionId AND f.reported_on <= :date', { coalitionId, date })
      .orderBy('f.reported_on', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .getOne();
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
        const rows = await this.db
          .getRepository(entity)
          .createQueryBuilder('child')
          .where('child.coalition_id = ANY(:ids)', { ids })
          .orderBy(`child.${orderBy}`, 'ASC')
          .addOrderBy('child.id', 'ASC')
          .getMany();
        return groupInOrder(ids, rows, (row) => row.coalitionId);
      })
      .load(coalitionId);
  }
}
