import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ActorRole } from './actor.js';

/** One write, as it happened: who (the key's name, never the key), what, and the data before and after. */
@Entity('audit_entry')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', insert: false, update: false })
  at: Date;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  role: ActorRole;

  @Column({ type: 'text' })
  operation: string;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;
}
