import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../common/graphql-context.js';

/** An API key: who (its name), what it may do (its role); the secret itself is never stored. */
@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text', unique: true })
  prefix: string;

  @Column({ name: 'key_hash', type: 'text' })
  keyHash: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
