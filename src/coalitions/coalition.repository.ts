import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { entityRead } from '../database/prepared-read.js';
import { CoalitionEventEntity } from './coalition-event.entity.js';
import { CoalitionEntity } from './coalition.entity.js';
import { EngagementEntity } from './engagement.entity.js';
import { LineOfEffortEntity } from './line-of-effort.entity.js';

const COALITION_COLUMNS = `c.id, c.slug, c.version, c.name, c.description, c.founding_text AS "foundingText",
  c.launched_on AS "launchedOn", c.convener_id AS "convenerId", c.roster_note AS "rosterNote"`;

/** A coalition's columns as a write sets them. */
export type NewCoalition = Omit<CoalitionEntity, 'id' | 'version'>;

/** What `updateCoalition` may change. */
export type EditableCoalition = Pick<CoalitionEntity, 'name' | 'description' | 'rosterNote' | 'launchedOn'>;

/** The coalition table and the tables of its coalition-level facts (reported figures have their own). */
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

  async insertCoalition(manager: EntityManager, row: NewCoalition): Promise<CoalitionEntity> {
    const [inserted]: CoalitionEntity[] = await manager.query(
      `WITH c AS (
         INSERT INTO coalition (slug, name, description, founding_text, launched_on, convener_id, roster_note)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
       SELECT ${COALITION_COLUMNS} FROM c`,
      [row.slug, row.name, row.description, row.foundingText, row.launchedOn, row.convenerId, row.rosterNote],
    );
    return inserted;
  }

  /** The coalition, locked for an update inside the caller's transaction. */
  async lockBySlug(manager: EntityManager, slug: string): Promise<CoalitionEntity | null> {
    const [row]: CoalitionEntity[] = await manager.query(
      `SELECT ${COALITION_COLUMNS} FROM coalition c WHERE c.slug = $1 FOR UPDATE`,
      [slug],
    );
    return row ?? null;
  }

  /** Writes the editable columns as given and raises the version. */
  async updateCoalition(manager: EntityManager, id: string, row: EditableCoalition): Promise<CoalitionEntity> {
    const [updated]: CoalitionEntity[] = await manager.query(
      `WITH c AS (
         UPDATE coalition SET name = $2, description = $3, roster_note = $4, launched_on = $5, version = version + 1
          WHERE id = $1 RETURNING *)
       SELECT ${COALITION_COLUMNS} FROM c`,
      [id, row.name, row.description, row.rosterNote, row.launchedOn],
    );
    return updated;
  }

  /** Whether the coalition already has an event of that day and title (the table's UNIQUE). */
  async hasEvent(manager: EntityManager, coalitionId: string, occurredOn: string, title: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM coalition_event WHERE coalition_id = $1 AND occurred_on = $2 AND title = $3`,
      [coalitionId, occurredOn, title],
    );
    return rows.length > 0;
  }

  /** The engagement of that participant with that coalition, if any. */
  engagementOf(manager: EntityManager, coalitionId: string, participantId: string): Promise<EngagementEntity | null> {
    return manager.getRepository(EngagementEntity).findOneBy({ coalitionId, participantId });
  }

  async hasEngagement(manager: EntityManager, coalitionId: string, participantId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM engagement WHERE coalition_id = $1 AND participant_id = $2`,
      [coalitionId, participantId],
    );
    return rows.length > 0;
  }

  async insertEvent(manager: EntityManager, row: Omit<CoalitionEventEntity, 'id'>): Promise<CoalitionEventEntity> {
    return manager.getRepository(CoalitionEventEntity).save(row);
  }

  async insertLineOfEffort(manager: EntityManager, row: Omit<LineOfEffortEntity, 'id'>): Promise<string> {
    return (await manager.getRepository(LineOfEffortEntity).save(row)).id;
  }

  async insertEngagement(manager: EntityManager, row: Omit<EngagementEntity, 'id'>): Promise<EngagementEntity> {
    return manager.getRepository(EngagementEntity).save(row);
  }
}
