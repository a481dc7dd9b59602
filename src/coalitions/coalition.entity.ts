import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('coalition')
export class CoalitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'founding_text', type: 'text', nullable: true })
  foundingText: string | null;

  @Column({ name: 'launched_on', type: 'date', nullable: true })
  launchedOn: string | null;

  @Column({ name: 'convener_id', type: 'uuid', nullable: true })
  convenerId: string | null;

  /** What the registry does not know about the roster, said plainly (e.g. no public list exists). */
  @Column({ name: 'roster_note', type: 'text', nullable: true })
  rosterNote: string | null;
}
