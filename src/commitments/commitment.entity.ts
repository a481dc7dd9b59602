import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { LineOfEffort } from '../common/line-of-effort.js';
import type { CommitmentStatus } from './commitment-status.js';

/** What one member undertook to do. A pledge several members signed is one commitment per member. */
@Entity('commitment')
export class CommitmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Null when the pledge spans all of the coalition's lines of effort. */
  @Column({ name: 'line_of_effort', type: 'text', nullable: true })
  lineOfEffort: LineOfEffort | null;

  @Column({ type: 'text' })
  status: CommitmentStatus;

  @Column({ name: 'made_on', type: 'date' })
  madeOn: string;

  @Column({ name: 'is_attested', type: 'boolean', default: false })
  isAttested: boolean;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @VersionColumn()
  version: number;

  /** Set when the commitment was withdrawn from the record (with who and why): it no longer counts. */
  @Column({ name: 'retracted_at', type: 'timestamptz', nullable: true })
  retractedAt: Date | null;

  @Column({ name: 'retracted_by', type: 'text', nullable: true })
  retractedBy: string | null;

  @Column({ name: 'retraction_reason', type: 'text', nullable: true })
  retractionReason: string | null;
}
