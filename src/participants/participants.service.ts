import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRead } from '../database/prepared-read.js';
import { InvalidInput } from '../common/domain-errors.js';
import { checkPageSize } from '../common/pagination.js';
import type { RequestLoaders } from '../common/request-loaders.js';
import { foldForSearch } from '../common/search-text.js';
import { ParticipantKind } from './participant-kind.js';
import type { ParticipantView } from './participant.model.js';
import { ParticipantEntity } from './participant.entity.js';
import { parseParticipantCode } from './participant-code.js';

/** The participant columns `toParticipantView` reads, and the field each becomes. */
const PARTICIPANT_FIELDS: Array<[column: string, field: keyof ParticipantEntity]> = [
  ['id', 'id'],
  ['kind', 'kind'],
  ['code', 'code'],
  ['alpha3', 'alpha3'],
  ['name', 'name'],
  ['official_name', 'officialName'],
  ['region', 'region'],
  ['subregion', 'subregion'],
  ['website', 'website'],
  ['aliases', 'aliases'],
];

/** Those columns of the table under `alias`, each named `prefix` + its field (for another query's row). */
export const participantColumns = (alias: string, prefix = ''): string =>
  PARTICIPANT_FIELDS.map(([column, field]) => `${alias}.${column} AS "${prefix}${field}"`).join(', ');

/** A participant read by another query with `participantColumns(alias, prefix)`. */
export function participantFromRow(row: Record<string, unknown>, prefix: string): ParticipantEntity {
  return Object.fromEntries(
    PARTICIPANT_FIELDS.map(([, field]) => [field, row[`${prefix}${field}`]]),
  ) as unknown as ParticipantEntity;
}

const PARTICIPANTS_BY_ID_SQL = `SELECT ${participantColumns('participant')} FROM participant WHERE id = ANY($1::uuid[])`;

export function toParticipantView(row: ParticipantEntity): ParticipantView {
  const common = { id: row.id, code: row.code, kind: row.kind, name: row.name, aliases: row.aliases };
  if (row.kind === ParticipantKind.COUNTRY) {
    return {
      ...common,
      alpha2: row.code,
      alpha3: row.alpha3 ?? '',
      officialName: row.officialName,
      region: row.region,
      subregion: row.subregion,
    };
  }
  return { ...common, acronym: row.code, website: row.website };
}

@Injectable()
export class ParticipantsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get participants() {
    return this.db.getRepository(ParticipantEntity);
  }

  /** By alpha-2, alpha-3 or acronym, any case. Null when the registry does not know the code. */
  async findByCode(rawCode: string, argument = 'code'): Promise<ParticipantView | null> {
    const row = await this.findEntityByCode(parseParticipantCode(rawCode, argument));
    return row ? toParticipantView(row) : null;
  }

  async findEntityByCode(code: string): Promise<ParticipantEntity | null> {
    return this.participants
      .createQueryBuilder('p')
      .where('p.code = :code OR p.alpha3 = :code', { code: code.toUpperCase() })
      .getOne();
  }

  /** Partial, case- and accent-insensitive match on names, codes and aliases; closest matches first. */
  async search(text: string, first: number | undefined): Promise<ParticipantView[]> {
    const size = checkPageSize(first, 20);
    if (text.length > 200) throw new InvalidInput('text', 'text must be at most 200 characters');
    const folded = foldForSearch(text);
    if (folded.length === 0) throw new InvalidInput('text', 'text must contain at least one letter or digit');
    const rows: ParticipantEntity[] = await this.participants
      .createQueryBuilder('p')
      .where(`p.search_text LIKE '%' || :folded || '%'`, { folded })
      .orderBy(
        `CASE WHEN lower(p.code) = :folded OR lower(p.alpha3) = :folded THEN 0
              WHEN p.search_text LIKE :folded || '%' THEN 1 ELSE 2 END`,
      )
      .addOrderBy('p.name')
      .addOrderBy('p.id')
      .limit(size)
      .getMany();
    return rows.map(toParticipantView);
  }

  /** Batched by id for relation fields (a page of memberships asks for 50 participants at once). */
  load(loaders: RequestLoaders, id: string): Promise<ParticipantView> {
    return this.loader(loaders).load(id);
  }

  /** Hands the request's loader participants a query has already read (a page joins them anyway). */
  prime(loaders: RequestLoaders, rows: ParticipantEntity[]): void {
    const loader = this.loader(loaders);
    for (const row of rows) loader.prime(row.id, toParticipantView(row));
  }

  private loader(loaders: RequestLoaders) {
    return loaders.get<string, ParticipantView>('participant', async (ids) => {
      const rows: ParticipantEntity[] = await preparedRead(this.db, PARTICIPANTS_BY_ID_SQL, [ids]);
      const byId = new Map(rows.map((row) => [row.id, toParticipantView(row)]));
      return ids.map((participantId) => byId.get(participantId) ?? new Error(`participant ${participantId} missing`));
    });
  }
}
