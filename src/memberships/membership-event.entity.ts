import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DatePrecision } from '../common/date-precision.js';
import type { MembershipStatus } from './membership-status.js';

/** One entry of a membership's append-only history: the status it took and when. */
@Entity('membership_event')
export class MembershipEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Order of recording, to break ties between events effective the same day. */
  @Column({ type: 'bigint', insert: false, update: false })
  sequence: string;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @Column({ type: 'text' })
  status: MembershipStatus;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ name: 'effective_on_precision', type: 'text', default: 'DAY' })
  effectiveOnPrecision: DatePrecision;

  /** True when the date is when a source shows the status, which may have begun earlier. */
  @Column({ name: 'is_attested', type: 'boolean', default: false })
  isAttested: boolean;

  @Column({ name: 'recorded_at', type: 'timestamptz', insert: false, update: false })
  recordedAt: Date;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Set when the event was withdrawn (with who and why): it stays on record but no longer counts. */
  @Column({ name: 'retracted_at', type: 'timestamptz', nullable: true })
  retractedAt: Date | null;

  @Column({ name: 'retracted_by', type: 'text', nullable: true })
  retractedBy: string | null;

  @Column({ name: 'retraction_reason', type: 'text', nullable: true })
  retractionReason: string | null;

  /** The event this one corrects (that event is retracted, and this one stands in its place). */
  @Column({ name: 'correction_of', type: 'uuid', nullable: true })
  correctionOf: string | null;

  /** A correction's place in the history: the sequence of the first event it stands in for. */
  @Column({ type: 'bigint', nullable: true })
  place: string | null;
}
