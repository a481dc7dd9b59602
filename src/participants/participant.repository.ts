import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedRead } from '../database/prepared-read.js';
import type { CountryRow } from './country-catalog.js';
import type { ParticipantEntity } from './participant.entity.js';
import { participantColumns } from './participant-projection.js';

const COLUMNS = participantColumns('p');
const BY_IDS_SQL = `SELECT ${COLUMNS} FROM participant p WHERE p.id = ANY($1::uuid[])`;
const BY_CODE_SQL = `SELECT ${COLUMNS} FROM participant p WHERE p.code = $1 OR p.alpha3 = $1`;

/** The participant table: countries from ISO 3166-1, organisations added by hand or by the seed. */
@Injectable()
export class ParticipantRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** By alpha-2, alpha-3 or acronym, as stored (upper case); inside a transaction when given one. */
  async byCode(code: string, manager?: EntityManager): Promise<ParticipantEntity | null> {
    const rows: ParticipantEntity[] = manager
      ? await manager.query(BY_CODE_SQL, [code])
      : await preparedRead(this.db, BY_CODE_SQL, [code]);
    return rows[0] ?? null;
  }

  byIds(ids: readonly string[]): Promise<ParticipantEntity[]> {
    return preparedRead(this.db, BY_IDS_SQL, [ids]);
  }

  /** `folded` inside the search text; exact codes first, then prefixes, then by name. */
  search(folded: string, limit: number): Promise<ParticipantEntity[]> {
    return preparedRead(
      this.db,
      `SELECT ${COLUMNS} FROM participant p
        WHERE p.search_text LIKE '%' || $1 || '%'
        ORDER BY CASE WHEN lower(p.code) = $1 OR lower(p.alpha3) = $1 THEN 0
                      WHEN p.search_text LIKE $1 || '%' THEN 1 ELSE 2 END, p.name, p.id
        LIMIT $2`,
      [folded, limit],
    );
  }

  /**
   * Every country of the catalog, inserted or refreshed. Organisations are never touched, nor is a
   * country an admin updated (version above 1): the admin's names and aliases win over the catalog's.
   * A row already as the catalog has it is not rewritten: every start runs this, and an update of an
   * unchanged row still costs a new row version, WAL for the replicas and a row lock.
   */
  async upsertCountries(manager: EntityManager, countries: CountryRow[]): Promise<void> {
    await manager.query(
      `INSERT INTO participant (kind, code, alpha3, name, official_name, region, subregion, aliases, search_text)
       SELECT x.kind, x.code, x.alpha3, x.name, x."officialName", x.region, x.subregion,
              ARRAY(SELECT jsonb_array_elements_text(x.aliases)), x."searchText"
         FROM jsonb_to_recordset($1::jsonb) AS x(kind text, code text, alpha3 text, name text, "officialName" text,
              region text, subregion text, aliases jsonb, "searchText" text)
       ON CONFLICT (code) DO UPDATE SET alpha3 = EXCLUDED.alpha3, name = EXCLUDED.name,
              official_name = EXCLUDED.official_name, region = EXCLUDED.region, subregion = EXCLUDED.subregion,
              aliases = EXCLUDED.aliases, search_text = EXCLUDED.search_text
        WHERE participant.kind = 'COUNTRY' AND participant.version = 1
          AND (participant.alpha3, participant.name, participant.official_name, participant.region,
               participant.subregion, participant.aliases, participant.search_text)
              IS DISTINCT FROM (EXCLUDED.alpha3, EXCLUDED.name, EXCLUDED.official_name, EXCLUDED.region,
               EXCLUDED.subregion, EXCLUDED.aliases, EXCLUDED.search_text)`,
      [JSON.stringify(countries)],
    );
  }

  async insert(manager: EntityManager, row: Omit<ParticipantEntity, 'id' | 'version'>): Promise<ParticipantEntity> {
    const [inserted]: ParticipantEntity[] = await manager.query(
      `INSERT INTO participant (kind, code, alpha3, name, official_name, region, subregion, website, aliases, search_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING ${participantColumns('participant')}`,
      [
        row.kind,
        row.code,
        row.alpha3,
        row.name,
        row.officialName,
        row.region,
        row.subregion,
        row.website,
        row.aliases,
        row.searchText,
      ],
    );
    return inserted;
  }

  /** By alpha-2, alpha-3 or acronym, locked for an update inside the caller's transaction. */
  async lockByCode(manager: EntityManager, code: string): Promise<ParticipantEntity | null> {
    const [row]: ParticipantEntity[] = await manager.query(`${BY_CODE_SQL} FOR UPDATE`, [code]);
    return row ?? null;
  }

  /** Writes the name, aliases and search text and raises the version. */
  async update(
    manager: EntityManager,
    id: string,
    row: Pick<ParticipantEntity, 'name' | 'aliases' | 'searchText'>,
  ): Promise<ParticipantEntity> {
    const [updated]: ParticipantEntity[] = await manager.query(
      `WITH p AS (
         UPDATE participant SET name = $2, aliases = $3, search_text = $4, version = version + 1
          WHERE id = $1 RETURNING *)
       SELECT ${COLUMNS} FROM p`,
      [id, row.name, row.aliases, row.searchText],
    );
    return updated;
  }
}
