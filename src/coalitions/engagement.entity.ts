import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A participant seen working with a coalition that no source confirms as a member. */
@Entity('engagement')
export class EngagementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'coalition_id', type: 'uuid' })
  coalitionId: string;

  @Column({ name: 'participant_id', type: 'uuid' })
  participantId: string;

  @Column({ type: 'text' })
  note: string;
}
