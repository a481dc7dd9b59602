import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { entityRead } from '../database/prepared-read.js';
import { CoalitionEventEntity } from './coalition-event.entity.js';
import { CoalitionEntity } from './coalition.entity.js';
import { EngagementEntity } from './engagement.entity.js';
import { LineOfEffortEntity } from './line-of-effort.entity.js';
import { ReportedFigureEntity } from './reported-figure.entity.js';

/** The coalition table and the tables of its coalition-level facts. */
@Injectable()
export class CoalitionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  all(): Promise<CoalitionEntity[]> {
    return entityRead(this.db, (reader) =>
      reader.getRepository(CoalitionEntity).find({ order: { launchedOn: 'ASC', slug: 'ASC' } }),
    );
  }

  /** In a write's transaction when given its manager; otherwise a read like any other. */
  bySlug(slug: string, manager?: EntityManager): Promise<CoalitionEntity | null> {
    if (manager) return manager.getRepository(CoalitionEntity).findOneBy({ slug });
    return entityRead(this.db, (reader) => reader.getRepository(CoalitionEntity).findOneBy({ slug }));
  }

  byIds(ids: readonly string[]): Promise<CoalitionEntity[]> {
    return entityRead(this.db, (reader) => reader.getRepository(CoalitionEntity).findBy({ id: In([...ids]) }));
  }

  /** The latest reported figure on or before `date`, or null when nothing had been reported yet. */
  latestReportedFigure(coalitionId: string, date: string): Promise<ReportedFigureEntity | null> {
    return entityRead(this.db, (reader) =>
      reader
        .getRepository(ReportedFigureEntity)
        .createQueryBuilder('f')
        .where('f.coalition_id = :coalitionId AND f.reported_on <= :date', { coalitionId, date })
        .orderBy('f.reported_on', 'DESC')
        .addOrderBy('f.id', 'DESC')
        .getOne(),
    );
  }

  /** Rows of a child table for all of `coalitionIds`, ordered by `orderBy` then id. */
  childrenOf<Row extends { coalitionId: string; id: string }>(
    entity: new () => Row,
    coalitionIds: readonly string[],
    orderBy: keyof Row & string,
  ): Promise<Row[]> {
    return entityRead(this.db, (reader) =>
      reader
        .getRepository(entity)
        .createQueryBuilder('child')
        .where('child.coalition_id = ANY(:ids)', { ids: coalitionIds })
        .orderBy(`child.${orderBy}`, 'ASC')
        .addOrderBy('child.id', 'ASC')
        .getMany(),
    );
  }

  async insertCoalition(manager: EntityManager, row: Omit<CoalitionEntity, 'id'>): Promise<CoalitionEntity> {
    return manager.getRepository(CoalitionEntity).save(row);
  }

  /** Each coalition-level fact below returns its id, for its citations. */
  async insertReportedFigure(manager: EntityManager, row: Omit<ReportedFigureEntity, 'id'>): Promise<string> {
    return (await manager.getRepository(ReportedFigureEntity).save(row)).id;
  }

  async insertEvent(manager: EntityManager, row: Omit<CoalitionEventEntity, 'id'>): Promise<string> {
    return (await manager.getRepository(CoalitionEventEntity).save(row)).id;
  }

  async insertLineOfEffort(manager: EntityManager, row: Omit<LineOfEffortEntity, 'id'>): Promise<string> {
    return (await manager.getRepository(LineOfEffortEntity).save(row)).id;
  }

  async insertEngagement(manager: EntityManager, row: Omit<EngagementEntity, 'id'>): Promise<string> {
    return (await manager.getRepository(EngagementEntity).save(row)).id;
  }
}
