import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Something that happened to the coalition as a whole: a launch, a summit, a report. */
@Entity('coalition_event')
export class CoalitionEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'coalition_id', type: 'uuid' })
  coalitionId: string;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ type: 'text' })
  title: string;
}
