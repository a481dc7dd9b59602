import { Injectable } from '@nestjs/common';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import type { WriteTransaction } from '../audit/write-transaction.js';
import { assertDateInOrder } from '../common/calendar-date.js';
import { DatePrecision, isPointInTime } from '../common/date-precision.js';
import { AlreadyExists, InvalidInput, NotFound, VersionConflict } from '../common/domain-errors.js';
import { requiredId } from '../common/input-rules.js';
import type { WriteRequest } from '../common/write-request.js';
import type { UpdateSourceInput } from './dto/update-source.input.js';
import type { Source } from './source.model.js';
import { SourceRepository, type EditableSource } from './source.repository.js';

/** An update of a source: only the fields given change (`undefined` keeps, `null` clears). */
export interface SourceUpdate {
  id: string;
  expectedVersion: number;
  changes: { [Field in keyof EditableSource]?: EditableSource[Field] | null };
  operation: string;
}

/**
 * The one writer of a source once it is on record (creating one is SourcesService.findOrCreate's,
 * as a fact cites it). `update` works inside the caller's WriteTransaction, for a mutation or a
 * dataset revision alike, and writes the audit entry with before and after.
 */
@Injectable()
export class SourceWritesService {
  constructor(
    private readonly writes: AuditedWriteService,
    private readonly sources: SourceRepository,
  ) {}

  updateSource(write: WriteRequest, input: UpdateSourceInput): Promise<Source> {
    return this.writes.perform(write, 'updateSource', input, (tx) => {
      const { id, expectedVersion, ...changes } = input;
      return this.update(tx, {
        id: requiredId(id, 'id', 'a source'),
        expectedVersion,
        changes,
        operation: 'updateSource',
      });
    });
  }

  /** Changes what is given, if nobody changed the source since `expectedVersion`; a url stays unique. */
  async update(tx: WriteTransaction, update: SourceUpdate): Promise<Source> {
    const existing = await this.sources.lock(tx.manager, update.id);
    if (!existing) throw new NotFound(`No source has the id ${update.id}`, { argument: 'id' });
    if (existing.version !== update.expectedVersion) {
      throw new VersionConflict(
        `The source is at version ${existing.version}, not ${update.expectedVersion}: someone changed it; read it again`,
        { currentVersion: existing.version },
      );
    }
    const { changes } = update;
    if (changes.title === null) throw new InvalidInput('title', 'title must not be empty');
    if (changes.publishedOn) assertDateInOrder(changes.publishedOn, 'publishedOn');
    if (changes.publishedOnPrecision && !isPointInTime(changes.publishedOnPrecision)) {
      throw new InvalidInput('publishedOnPrecision', 'publishedOnPrecision must be DAY or MONTH');
    }
    const keep = <Field extends keyof EditableSource>(field: Field): EditableSource[Field] =>
      changes[field] === undefined ? existing[field] : (changes[field] as EditableSource[Field]);
    const url = keep('url');
    if (url !== null && url !== existing.url && (await this.sources.urlHolder(tx.manager, url))) {
      throw new AlreadyExists(`Another source already has the url ${url}`, { argument: 'url' });
    }
    const row = await this.sources.update(tx.manager, existing.id, {
      url,
      title: changes.title ?? existing.title,
      publisher: keep('publisher'),
      publishedOn: keep('publishedOn'),
      publishedOnPrecision: changes.publishedOnPrecision ?? existing.publishedOnPrecision ?? DatePrecision.DAY,
      archivedUrl: keep('archivedUrl'),
    });
    // A source is cited across coalitions and belongs to none, like a participant.
    await tx.recordChange({
      operation: update.operation,
      before: existing,
      after: row,
      subject: { kind: 'SOURCE', id: row.id, coalitionId: null },
    });
    return row;
  }
}
