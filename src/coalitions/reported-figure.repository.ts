import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedRead } from '../database/prepared-read.js';
import type { ReportedFigureEntity } from './reported-figure.entity.js';

const COLUMNS = `f.id, f.sequence::text AS sequence, f.version, f.coalition_id AS "coalitionId", f.reported_on AS "reportedOn",
  f.reported_on_precision AS "reportedOnPrecision", f.countries, f.countries_qualifier AS "countriesQualifier",
  f.organizations, f.organizations_qualifier AS "organizationsQualifier", f.combined,
  f.combined_qualifier AS "combinedQualifier", f.wording, f.retracted_at AS "retractedAt",
  f.retracted_by AS "retractedBy", f.retraction_reason AS "retractionReason"`;

/** The figure columns a write sets; the rest (id, order, version, retraction) are the table's to give. */
export type NewReportedFigure = Omit<
  ReportedFigureEntity,
  'id' | 'sequence' | 'version' | 'retractedAt' | 'retractedBy' | 'retractionReason'
>;

/** The reported_figure table: its reads and every statement that writes it. */
@Injectable()
export class ReportedFigureRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The figures of each of `coalitionIds`, by date then recording order; retracted ones only when asked. */
  ofCoalitions(coalitionIds: readonly string[], includeRetracted: boolean): Promise<ReportedFigureEntity[]> {
    return preparedRead(
      this.db,
      `SELECT ${COLUMNS} FROM reported_figure f
        WHERE f.coalition_id = ANY($1::uuid[]) AND ($2 OR f.retracted_at IS NULL)
        ORDER BY f.reported_on, f.sequence`,
      [coalitionIds, includeRetracted],
    );
  }

  /** The standing figures dated on or before `date`: the candidates for `stats(asOf:)`. */
  standingOnOrBefore(coalitionId: string, date: string): Promise<ReportedFigureEntity[]> {
    return preparedRead(
      this.db,
      `SELECT ${COLUMNS} FROM reported_figure f
        WHERE f.coalition_id = $1 AND f.reported_on <= $2 AND f.retracted_at IS NULL
        ORDER BY f.reported_on DESC, f.sequence`,
      [coalitionId, date],
    );
  }

  async byId(manager: EntityManager, id: string, lock: 'update' | 'none'): Promise<ReportedFigureEntity | null> {
    const [row]: ReportedFigureEntity[] = await manager.query(
      `SELECT ${COLUMNS} FROM reported_figure f WHERE f.id = $1 ${lock === 'update' ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row ?? null;
  }

  /** Every figure of that coalition dated that day, retracted ones included. */
  ofDay(manager: EntityManager, coalitionId: string, reportedOn: string): Promise<ReportedFigureEntity[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM reported_figure f WHERE f.coalition_id = $1 AND f.reported_on = $2 ORDER BY f.sequence`,
      [coalitionId, reportedOn],
    );
  }

  /** The figure of that coalition, day and wording (the table's UNIQUE), if any. */
  async same(manager: EntityManager, figure: NewReportedFigure): Promise<ReportedFigureEntity | null> {
    const [row]: ReportedFigureEntity[] = await manager.query(
      `SELECT ${COLUMNS} FROM reported_figure f WHERE f.coalition_id = $1 AND f.reported_on = $2 AND f.wording = $3`,
      [figure.coalitionId, figure.reportedOn, figure.wording],
    );
    return row ?? null;
  }

  async insert(manager: EntityManager, figure: NewReportedFigure): Promise<ReportedFigureEntity> {
    const [row]: ReportedFigureEntity[] = await manager.query(
      `WITH f AS (
         INSERT INTO reported_figure (coalition_id, reported_on, reported_on_precision, countries, countries_qualifier,
                                      organizations, organizations_qualifier, combined, combined_qualifier, wording)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *)
       SELECT ${COLUMNS} FROM f`,
      [
        figure.coalitionId,
        figure.reportedOn,
        figure.reportedOnPrecision,
        figure.countries,
        figure.countriesQualifier,
        figure.organizations,
        figure.organizationsQualifier,
        figure.combined,
        figure.combinedQualifier,
        figure.wording,
      ],
    );
    return row;
  }

  async retract(manager: EntityManager, id: string, by: string, reason: string): Promise<ReportedFigureEntity> {
    const [row]: ReportedFigureEntity[] = await manager.query(
      `WITH f AS (
         UPDATE reported_figure SET retracted_at = now(), retracted_by = $2, retraction_reason = $3, version = version + 1
          WHERE id = $1 RETURNING *)
       SELECT ${COLUMNS} FROM f`,
      [id, by, reason],
    );
    return row;
  }
}
