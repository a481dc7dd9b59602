import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ParticipantKind } from './participant-kind.js';

/** A country (ISO 3166-1) or an international organisation that can belong to coalitions. */
@Entity('participant')
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: ParticipantKind;

  /** ISO 3166-1 alpha-2 for a country, the acronym for an organisation; always upper case. */
  @Column({ type: 'text', unique: true })
  code: string;

  /** Raised by each admin update; a country an admin updated is no longer refreshed from the catalog. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'text', nullable: true })
  alpha3: string | null;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'official_name', type: 'text', nullable: true })
  officialName: string | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text', nullable: true })
  subregion: string | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  aliases: string[];

  /** Names, codes and aliases folded by `foldForSearch`, for accent- and case-insensitive search. */
  @Column({ name: 'search_text', type: 'text' })
  searchText: string;
}
