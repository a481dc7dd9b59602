import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The facts a source can be cited for; each is a column of the `citation` table. */
export const CITED_FACTS = [
  'coalition',
  'reported_figure',
  'coalition_event',
  'line_of_effort',
  'engagement',
  'membership_event',
  'commitment',
  /** The sources of a retraction (the fact's own sources stay as they were). */
  'membership_event_retraction',
  'commitment_retraction',
] as const;
export type CitedFact = (typeof CITED_FACTS)[number];

/** Ties one source to one fact (exactly one of the fact columns is set; the database checks it). */
@Entity('citation')
export class CitationEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ name: 'coalition_id', type: 'uuid', nullable: true })
  coalitionId?: string | null;

  @Column({ name: 'reported_figure_id', type: 'uuid', nullable: true })
  reportedFigureId?: string | null;

  @Column({ name: 'coalition_event_id', type: 'uuid', nullable: true })
  coalitionEventId?: string | null;

  @Column({ name: 'line_of_effort_id', type: 'uuid', nullable: true })
  lineOfEffortId?: string | null;

  @Column({ name: 'engagement_id', type: 'uuid', nullable: true })
  engagementId?: string | null;

  @Column({ name: 'membership_event_id', type: 'uuid', nullable: true })
  membershipEventId?: string | null;

  @Column({ name: 'commitment_id', type: 'uuid', nullable: true })
  commitmentId?: string | null;

  @Column({ name: 'membership_event_retraction_id', type: 'uuid', nullable: true })
  membershipEventRetractionId?: string | null;

  @Column({ name: 'commitment_retraction_id', type: 'uuid', nullable: true })
  commitmentRetractionId?: string | null;
}
