import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { DatePrecision } from '../common/date-precision.js';
import type { MembershipStatus } from './membership-status.js';

/**
 * A participant's place in a coalition, as it stands now. Its past lives in membership_event;
 * `version` guards against one admin silently overwriting another's change.
 */
@Entity('membership')
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'coalition_id', type: 'uuid' })
  coalitionId: string;

  @Column({ name: 'participant_id', type: 'uuid' })
  participantId: string;

  @Column({ type: 'text' })
  status: MembershipStatus;

  /** Null when no source dates the invitation. */
  @Column({ name: 'invited_on', type: 'date', nullable: true })
  invitedOn: string | null;

  @Column({ name: 'status_since', type: 'date' })
  statusSince: string;

  @Column({ name: 'status_since_precision', type: 'text', default: 'DAY' })
  statusSincePrecision: DatePrecision;

  /** A part the member plays, e.g. "convener and host", "co-chair of Working Group 1". */
  @Column({ type: 'text', nullable: true })
  role: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @VersionColumn()
  version: number;
}
