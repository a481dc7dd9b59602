import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { preparedRead } from '../database/prepared-read.js';
import type { DatePrecision } from '../common/date-precision.js';
import { InvalidInput } from '../common/domain-errors.js';
import { optionalText, requiredText } from '../common/text-input.js';
import { groupInOrder, type RequestLoaders } from '../common/request-loaders.js';
import { CitationEntity, type CitedFact } from './citation.entity.js';
import { SourceEntity } from './source.entity.js';
import type { Source } from './source.model.js';

export interface SourceInputLike {
  url?: string | null;
  title: string;
  publisher?: string | null;
  publishedOn?: string | null;
  precision?: `${DatePrecision}`;
  note?: string | null;
}

const FACT_COLUMN: Record<CitedFact, keyof CitationEntity> = {
  coalition: 'coalitionId',
  reported_figure: 'reportedFigureId',
  coalition_event: 'coalitionEventId',
  line_of_effort: 'lineOfEffortId',
  engagement: 'engagementId',
  membership_event: 'membershipEventId',
  commitment: 'commitmentId',
};

/**
 * SQL for the sources of one fact as a JSON array (oldest citation first), to embed in the query that
 * loads the facts themselves: a page of events or commitments then needs no second statement for its
 * sources. `factId` is the SQL expression of the fact's id.
 */
export function sourcesJsonSql(fact: CitedFact, factId: string): string {
  return `coalesce((SELECT json_agg(json_build_object('id', cited.id, 'url', cited.url, 'title', cited.title,
            'publisher', cited.publisher, 'publishedOn', cited.published_on,
            'publishedOnPrecision', cited.published_on_precision, 'note', cited.note) ORDER BY citing.id)
       FROM citation citing JOIN source cited ON cited.id = citing.source_id WHERE citing.${fact}_id = ${factId}), '[]'::json)`;
}

@Injectable()
export class SourcesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The sources cited for one fact, batched per request and per kind of fact, oldest citation first. */
  citedFor(loaders: RequestLoaders, fact: CitedFact, factId: string): Promise<Source[]> {
    return loaders
      .get<string, Source[]>(`sources:${fact}`, async (ids) => {
        const rows: Array<SourceEntity & { factId: string }> = await preparedRead(
          this.db,
          `SELECT s.id, s.url, s.title, s.publisher, s.published_on AS "publishedOn",
                  s.published_on_precision AS "publishedOnPrecision", s.note, c.${fact}_id AS "factId"
             FROM citation c JOIN source s ON s.id = c.source_id
            WHERE c.${fact}_id = ANY($1::uuid[])
            ORDER BY c.id`,
          [ids],
        );
        return groupInOrder(ids, rows, (row) => row.factId).map((group) =>
          group.map(({ factId: _factId, ...source }) => source),
        );
      })
      .load(factId);
  }

  /** A source by url is stored once and reused; one without a url is matched on title and publisher. */
  async findOrCreate(manager: EntityManager, input: SourceInputLike): Promise<SourceEntity> {
    const sources = manager.getRepository(SourceEntity);
    const url = optionalText(input.url, 'source.url', 2000);
    const title = requiredText(input.title, 'source.title', 500);
    const publisher = optionalText(input.publisher, 'source.publisher', 300);
    if (url !== null) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new InvalidInput('source.url', 'source.url must be an http or https address');
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new InvalidInput('source.url', 'source.url must be an http or https address');
      }
    }
    const existing = await sources.findOneBy(
      url ? { url } : { url: IsNull(), title, publisher: publisher ?? IsNull() },
    );
    if (existing) return existing;
    // ON CONFLICT keeps two concurrent writers citing the same new url from failing each other.
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO source (url, title, publisher, published_on, published_on_precision, note)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (url) WHERE url IS NOT NULL DO NOTHING RETURNING id`,
      [url, title, publisher, input.publishedOn ?? null, input.precision ?? 'DAY', input.note ?? null],
    );
    const created = await sources.findOneBy(inserted[0] ? { id: inserted[0].id } : { url: url ?? IsNull() });
    if (!created) throw new Error('source insert vanished');
    return created;
  }

  async cite(manager: EntityManager, fact: CitedFact, factId: string, sourceIds: string[]): Promise<void> {
    const citations = manager.getRepository(CitationEntity);
    for (const sourceId of sourceIds) {
      await citations.insert({ sourceId, [FACT_COLUMN[fact]]: factId });
    }
  }
}
