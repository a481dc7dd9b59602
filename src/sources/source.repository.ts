import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedRead } from '../database/prepared-read.js';
import type { CitedFact } from './citation.entity.js';
import type { Source } from './source.model.js';

export interface NewSource {
  url: string | null;
  title: string;
  publisher: string | null;
  publishedOn: string | null;
  precision: string;
  note: string | null;
}

/** What `updateSource` may change. */
export type EditableSource = Pick<
  Source,
  'url' | 'title' | 'publisher' | 'publishedOn' | 'publishedOnPrecision' | 'archivedUrl'
>;

const SOURCE_COLUMNS = `s.id, s.url, s.title, s.publisher, s.published_on AS "publishedOn",
  s.published_on_precision AS "publishedOnPrecision", s.note, s.archived_url AS "archivedUrl", s.version`;

/** The sources and citations tables. */
@Injectable()
export class SourceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The sources cited for each of `factIds`, oldest citation first, each row with the fact it is for. */
  citedFor(fact: CitedFact, factIds: readonly string[]): Promise<Array<Source & { factId: string }>> {
    return preparedRead(
      this.db,
      `SELECT ${SOURCE_COLUMNS}, c.${fact}_id AS "factId"
         FROM citation c JOIN source s ON s.id = c.source_id
        WHERE c.${fact}_id = ANY($1::uuid[])
        ORDER BY c.id`,
      [factIds],
    );
  }

  /** A source by url, or (without one) by title and publisher. */
  async findSame(manager: EntityManager, source: NewSource): Promise<string | null> {
    const rows: Array<{ id: string }> =
      source.url !== null
        ? await manager.query(`SELECT id FROM source WHERE url = $1`, [source.url])
        : await manager.query(
            `SELECT id FROM source WHERE url IS NULL AND title = $1 AND publisher IS NOT DISTINCT FROM $2 ORDER BY created_at, id LIMIT 1`,
            [source.title, source.publisher],
          );
    return rows[0]?.id ?? null;
  }

  /** A source as stored, for comparing it with one a dataset revision brings. */
  async detailsOf(manager: EntityManager, id: string): Promise<NewSource | null> {
    const [row]: NewSource[] = await manager.query(
      `SELECT url, title, publisher, to_char(published_on, 'YYYY-MM-DD') AS "publishedOn",
              published_on_precision AS precision, note
         FROM source WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The new source's id; null when a concurrent writer stored the same url first (ON CONFLICT). */
  async insert(manager: EntityManager, source: NewSource): Promise<string | null> {
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO source (url, title, publisher, published_on, published_on_precision, note)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (url) WHERE url IS NOT NULL DO NOTHING RETURNING id`,
      [source.url, source.title, source.publisher, source.publishedOn, source.precision, source.note],
    );
    return inserted[0]?.id ?? null;
  }

  async cite(manager: EntityManager, fact: CitedFact, factId: string, sourceIds: readonly string[]): Promise<void> {
    if (sourceIds.length === 0) return;
    await manager.query(
      `INSERT INTO citation (source_id, ${fact}_id) SELECT source_id, $2 FROM unnest($1::uuid[]) WITH ORDINALITY AS s(source_id, n) ORDER BY n`,
      [sourceIds, factId],
    );
  }

  /** The source, locked for an update inside the caller's transaction. */
  async lock(manager: EntityManager, id: string): Promise<Source | null> {
    const [row]: Source[] = await manager.query(`SELECT ${SOURCE_COLUMNS} FROM source s WHERE s.id = $1 FOR UPDATE`, [
      id,
    ]);
    return row ?? null;
  }

  /** The id of the source that has this url, if any. */
  async urlHolder(manager: EntityManager, url: string): Promise<string | null> {
    const [row]: Array<{ id: string }> = await manager.query(`SELECT id FROM source WHERE url = $1`, [url]);
    return row?.id ?? null;
  }

  /** Writes the editable columns as given and raises the version. */
  async update(manager: EntityManager, id: string, source: EditableSource): Promise<Source> {
    const [row]: Source[] = await manager.query(
      `WITH s AS (
         UPDATE source SET url = $2, title = $3, publisher = $4, published_on = $5, published_on_precision = $6,
                archived_url = $7, version = version + 1
          WHERE id = $1 RETURNING *)
       SELECT ${SOURCE_COLUMNS} FROM s`,
      [
        id,
        source.url,
        source.title,
        source.publisher,
        source.publishedOn,
        source.publishedOnPrecision,
        source.archivedUrl,
      ],
    );
    return row;
  }
}
