import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WriteTransaction } from '../audit/write-transaction.js';
import { assertDateInOrder } from '../common/calendar-date.js';
import { DatePrecision } from '../common/date-precision.js';
import { AlreadyExists, InvalidInput, NotFound, VersionConflict } from '../common/domain-errors.js';
import { INPUT_LIMITS, requiredText } from '../common/input-rules.js';
import { groupInOrder, type RequestLoaders } from '../common/request-loaders.js';
import { SourcesService, type CitedSource } from '../sources/sources.service.js';
import { checkFigureNumbers, reportedFigureAsOf, type FigureNumbersInput } from './reported-figure-rules.js';
import type { ReportedFigureEntity } from './reported-figure.entity.js';
import { ReportedFigureRepository } from './reported-figure.repository.js';

/** A headcount to record, as any writer (a mutation, the seed, a dataset revision) gives it. */
export interface ReportedFigureFacts extends FigureNumbersInput {
  coalitionId: string;
  /** With ON_OR_AFTER precision, the first day the figure can be from. */
  reportedOn: string;
  reportedOnPrecision?: DatePrecision;
  wording: string;
  sources: readonly CitedSource[];
  /** The audit entry's operation, e.g. `recordReportedFigure`, `seedCoalition`, `datasetRevision`. */
  operation: string;
}

export interface ReportedFigureRetraction {
  id: string;
  reason: string;
  expectedVersion: number;
  /** On whose word it is withdrawn (may be none). */
  sources: readonly CitedSource[];
  operation: string;
}

/**
 * The one writer of `reported_figure`, and its reads. `record` and `retract` work inside the caller's
 * WriteTransaction (from AuditedWriteService.perform for a mutation, or .run with a system actor such
 * as `dataset:r2` for the seed), check the rules, cite the sources and write the audit entry; the
 * transaction's change notice then clears every instance's response cache.
 */
@Injectable()
export class ReportedFiguresService {
  constructor(
    private readonly figures: ReportedFigureRepository,
    private readonly sources: SourcesService,
  ) {}

  /** A coalition's figures by date (a lower bound counts as its date), batched per request. */
  list(loaders: RequestLoaders, coalitionId: string, includeRetracted = false): Promise<ReportedFigureEntity[]> {
    return loaders
      .get<string, ReportedFigureEntity[]>(`reported-figures:${includeRetracted}`, async (ids) =>
        groupInOrder(ids, await this.figures.ofCoalitions(ids, includeRetracted), (row) => row.coalitionId),
      )
      .load(coalitionId);
  }

  /**
   * Inside a write's transaction: the coalition's figures dated `reportedOn`, retracted ones included
   * (what a dataset revision weighs before it adds one).
   */
  onDay(manager: EntityManager, coalitionId: string, reportedOn: string): Promise<ReportedFigureEntity[]> {
    return this.figures.ofDay(manager, coalitionId, reportedOn);
  }

  /** The figure `stats(asOf:)` reports (see reportedFigureAsOf for the rule). */
  async asOf(coalitionId: string, date: string): Promise<ReportedFigureEntity | null> {
    return reportedFigureAsOf(await this.figures.standingOnOrBefore(coalitionId, date), date);
  }

  /**
   * Records a figure: at least one number, qualifiers only with their numbers, dated no later than
   * today; a second figure of the same coalition, day and wording is a CONFLICT.
   */
  async record(tx: WriteTransaction, facts: ReportedFigureFacts): Promise<ReportedFigureEntity> {
    const numbers = checkFigureNumbers(facts);
    assertDateInOrder(facts.reportedOn, 'reportedOn');
    const figure = {
      coalitionId: facts.coalitionId,
      reportedOn: facts.reportedOn,
      reportedOnPrecision: facts.reportedOnPrecision ?? DatePrecision.DAY,
      ...numbers,
      wording: requiredText(facts.wording, 'wording', INPUT_LIMITS.figureWording),
    };
    if (await this.figures.same(tx.manager, figure)) {
      throw new AlreadyExists(`A figure of ${figure.reportedOn} with this wording is already on record`);
    }
    const row = await this.figures.insert(tx.manager, figure);
    await this.sources.cite(tx.manager, 'reported_figure', row.id, facts.sources);
    await tx.recordChange({
      operation: facts.operation,
      before: null,
      after: row,
      subject: { kind: 'REPORTED_FIGURE', id: row.id, coalitionId: row.coalitionId },
    });
    return row;
  }

  /** Withdraws a figure: it stays on record with when, by whom and why, and leaves lists and stats. */
  async retract(tx: WriteTransaction, retraction: ReportedFigureRetraction): Promise<ReportedFigureEntity> {
    const reason = requiredText(retraction.reason, 'reason', INPUT_LIMITS.retractionReason);
    const existing = await this.figures.byId(tx.manager, retraction.id, 'update');
    if (!existing) throw new NotFound(`No reported figure has the id ${retraction.id}`, { argument: 'id' });
    if (existing.version !== retraction.expectedVersion) {
      throw new VersionConflict(
        `The figure is at version ${existing.version}, not ${retraction.expectedVersion}: someone changed it; read it again`,
        { currentVersion: existing.version },
      );
    }
    if (existing.retractedAt) {
      throw new InvalidInput('id', `The figure was already retracted by ${existing.retractedBy}`);
    }
    const row = await this.figures.retract(tx.manager, existing.id, tx.actor.name, reason);
    await this.sources.cite(tx.manager, 'reported_figure_retraction', row.id, retraction.sources);
    await tx.recordChange({
      operation: retraction.operation,
      before: existing,
      after: row,
      subject: { kind: 'REPORTED_FIGURE', id: row.id, coalitionId: row.coalitionId },
    });
    return row;
  }
}
