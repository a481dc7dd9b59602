import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DatePrecision } from '../common/date-precision.js';

/** A document that attests facts: an article, a fact sheet, a web page. */
@Entity('source')
export class SourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null for print material with no address. */
  @Column({ type: 'text', nullable: true })
  url: string | null;

  /** A copy kept by an archive (e.g. the Wayback Machine), for when `url` dies. */
  @Column({ name: 'archived_url', type: 'text', nullable: true })
  archivedUrl: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  publisher: string | null;

  @Column({ name: 'published_on', type: 'date', nullable: true })
  publishedOn: string | null;

  @Column({ name: 'published_on_precision', type: 'text', default: 'DAY' })
  publishedOnPrecision: DatePrecision;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
