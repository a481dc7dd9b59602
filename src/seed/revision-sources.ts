import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import type { SourcesService } from '../sources/sources.service.js';
import type { SourceSeed } from './coalition-seed.js';
import { decideRevisionItem, type ItemDecision } from './revision-item-rule.js';

/** What a revision reports of an item it did not apply (see SeedService's log line). */
export type SkipReport = (item: string, decision: Extract<ItemDecision, { apply: false }>) => void;

/**
 * The sources one revision's items cite, by key, inside the revision's transaction. A source is
 * created when first cited; one already on record (same url) is cited as it stands, never rewritten,
 * and reported when it says something else (an admin recorded it first, or corrected it since).
 */
export class RevisionSources {
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly manager: EntityManager,
    private readonly catalog: Readonly<Record<string, SourceSeed>>,
    private readonly services: { sources: SourcesService; audit: AuditService },
    private readonly report: SkipReport,
  ) {}

  async cite(keys: readonly string[]): Promise<Array<{ id: string }>> {
    const cited: Array<{ id: string }> = [];
    for (const key of keys) cited.push({ id: await this.idOf(key) });
    return cited;
  }

  private async idOf(key: string): Promise<string> {
    const known = this.ids.get(key);
    if (known) return known;
    const source = this.catalog[key];
    if (!source) throw new Error(`The dataset cites unknown source "${key}"`);
    const { sources, audit } = this.services;
    const onRecord = await sources.onRecord(this.manager, source);
    const decision = decideRevisionItem(
      'add',
      onRecord
        ? {
            isPresent: true,
            writers: await audit.writersOf(this.manager, onRecord.id),
            isAsExpected:
              onRecord.title === source.title &&
              onRecord.publisher === source.publisher &&
              onRecord.publishedOn === source.publishedOn &&
              onRecord.precision === (source.precision ?? 'DAY'),
          }
        : { isPresent: false },
    );
    let id: string;
    if (decision.apply) {
      id = await sources.findOrCreate(this.manager, source);
    } else {
      // Quietly reused when it is the dataset's own; reported when the record differs or is an admin's.
      if (decision.isConflict) this.report(`source ${source.url ?? source.title}`, decision);
      id = onRecord!.id;
    }
    this.ids.set(key, id);
    return id;
  }
}
