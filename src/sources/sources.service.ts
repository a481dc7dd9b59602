import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DatePrecision } from '../common/date-precision.js';
import { groupInOrder, type RequestLoaders } from '../common/request-loaders.js';
import type { CitedFact } from './citation.entity.js';
import type { Source } from './source.model.js';
import { SourceRepository, type NewSource } from './source.repository.js';

/** A source as a write names it; checked at the edge (SourceInput, the import's rows) or trusted (the seed). */
export interface SourceInputLike {
  url?: string | null;
  title: string;
  publisher?: string | null;
  publishedOn?: string | null;
  precision?: `${DatePrecision}`;
  note?: string | null;
}

/** A source a fact cites: one on record (by id), or one to find or create. */
export type CitedSource = { id: string } | SourceInputLike;

const toNewSource = (input: SourceInputLike): NewSource => ({
  url: input.url ?? null,
  title: input.title,
  publisher: input.publisher ?? null,
  publishedOn: input.publishedOn ?? null,
  precision: input.precision ?? 'DAY',
  note: input.note ?? null,
});

@Injectable()
export class SourcesService {
  constructor(private readonly sources: SourceRepository) {}

  /** The sources cited for one fact, batched per request and per kind of fact, oldest citation first. */
  citedFor(loaders: RequestLoaders, fact: CitedFact, factId: string): Promise<Source[]> {
    return loaders
      .get<string, Source[]>(`sources:${fact}`, async (ids) => {
        const rows = await this.sources.citedFor(fact, ids);
        return groupInOrder(ids, rows, (row) => row.factId).map((group) =>
          group.map(({ factId: _factId, ...source }) => source),
        );
      })
      .load(factId);
  }

  /** A source by url is stored once and reused; one without a url is matched on title and publisher. */
  async findOrCreate(manager: EntityManager, input: SourceInputLike): Promise<string> {
    const source = toNewSource(input);
    const existing = await this.sources.findSame(manager, source);
    if (existing) return existing;
    const created = (await this.sources.insert(manager, source)) ?? (await this.sources.findSame(manager, source));
    if (!created) throw new Error('source insert vanished');
    return created;
  }

  /**
   * The source on record that `input` would be stored as (same url; without one, same title and
   * publisher), with what it says, or null: a dataset revision reuses it rather than rewrite it.
   */
  async onRecord(manager: EntityManager, input: SourceInputLike): Promise<(NewSource & { id: string }) | null> {
    const id = await this.sources.findSame(manager, toNewSource(input));
    const details = id ? await this.sources.detailsOf(manager, id) : null;
    return id && details ? { id, ...details } : null;
  }

  /** Ties a fact to its sources (found or created first), in the order given. */
  async cite(manager: EntityManager, fact: CitedFact, factId: string, sources: readonly CitedSource[]): Promise<void> {
    const ids: string[] = [];
    for (const source of sources) ids.push('id' in source ? source.id : await this.findOrCreate(manager, source));
    await this.sources.cite(manager, fact, factId, ids);
  }
}
