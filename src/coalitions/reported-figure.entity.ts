import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DatePrecision } from '../common/date-precision.js';
import type { FigureQualifier } from './figure-qualifier.js';

/** A headcount a source reported ("84 countries"), kept apart from the members any source names. */
@Entity('reported_figure')
export class ReportedFigureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'coalition_id', type: 'uuid' })
  coalitionId: string;

  @Column({ name: 'reported_on', type: 'date' })
  reportedOn: string;

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

  @Column({ type: 'text' })
  wording: string;
}
