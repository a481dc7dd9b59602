import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DatePrecision } from '../common/date-precision.js';
import type { FigureQualifier } from './figure-qualifier.js';

/** A headcount a source reported ("84 countries"), kept apart from the members any source names. */
@Entity('reported_figure')
export class ReportedFigureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The order figures were recorded in: of two figures of one day, the first recorded stands in stats. */
  @Column({ type: 'bigint', insert: false, update: false })
  sequence: string;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'coalition_id', type: 'uuid' })
  coalitionId: string;

  @Column({ name: 'reported_on', type: 'date' })
  reportedOn: string;

  /** ON_OR_AFTER: `reportedOn` is only a lower bound. */
  @Column({ name: 'reported_on_precision', type: 'text', default: 'DAY' })
  reportedOnPrecision: DatePrecision;

  @Column({ type: 'int', nullable: true })
  countries: number | null;

  @Column({ name: 'countries_qualifier', type: 'text', nullable: true })
  countriesQualifier: FigureQualifier | null;

  @Column({ type: 'int', nullable: true })
  organizations: number | null;

  @Column({ name: 'organizations_qualifier', type: 'text', nullable: true })
  organizationsQualifier: FigureQualifier | null;

  /** One count of countries and organisations together, when the source does not tell them apart. */
  @Column({ type: 'int', nullable: true })
  combined: number | null;

  @Column({ name: 'combined_qualifier', type: 'text', nullable: true })
  combinedQualifier: FigureQualifier | null;

  @Column({ type: 'text' })
  wording: string;

  @Column({ name: 'retracted_at', type: 'timestamptz', nullable: true })
  retractedAt: Date | null;

  @Column({ name: 'retracted_by', type: 'text', nullable: true })
  retractedBy: string | null;

  @Column({ name: 'retraction_reason', type: 'text', nullable: true })
  retractionReason: string | null;
}
