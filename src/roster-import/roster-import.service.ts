import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import type { WriteTransaction } from '../audit/write-transaction.js';
import { ApiKeysService } from '../auth/api-keys.service.js';
import type { WriteRequest } from '../common/write-request.js';
import { CoalitionsService } from '../coalitions/coalitions.service.js';
import { parseCalendarDate } from '../common/calendar-date.js';
import { DomainError, InvalidInput, NotFound } from '../common/domain-errors.js';
import { INPUT_LIMITS, optionalText, requiredHttpUrl, requiredText } from '../common/input-rules.js';
import { assertRosterSize, assertRowCount, parseRosterFile, RosterFileError } from './roster-file.js';
import type { MembershipChange } from '../memberships/membership-change.js';
import { MembershipLedger } from '../memberships/membership-ledger.js';
import { MembershipStatus } from '../memberships/membership-status.js';
import { parseParticipantCode } from '../participants/participant-code.js';
import { ParticipantsService } from '../participants/participants.service.js';
import type { RosterRow } from './roster-file.js';

export interface RosterProblem {
  line: number;
  message: string;
}

/** What became, or would become, of one line of the file. */
export type RosterLineOutcome = 'NEW' | 'CHANGE' | 'NO_CHANGE' | 'ERROR';

export interface RosterLineReport {
  line: number;
  /** The participant as the line names it. */
  participant: string;
  outcome: RosterLineOutcome;
  /** Why the line was refused (ERROR only). */
  message: string | null;
}

export interface ImportReport {
  isDryRun: boolean;
  /** True only when every row passed and the changes were written. */
  isApplied: boolean;
  created: number;
  changed: number;
  unchanged: number;
  problems: RosterProblem[];
  /** Every line of the file in order, with its outcome. */
  lines: RosterLineReport[];
}

interface PlannedRow {
  line: number;
  participant: string;
  change: MembershipChange;
  /** What the ledger would do with the row as the registry stood when it was checked. */
  kind: 'create' | 'update' | 'unchanged';
}

const OUTCOME_OF: Record<PlannedRow['kind'], RosterLineOutcome> = {
  create: 'NEW',
  update: 'CHANGE',
  unchanged: 'NO_CHANGE',
};

/** The counts and the per-line outcomes of checked rows and refused ones, in the file's order. */
function reportOf(
  planned: PlannedRow[],
  problems: Array<RosterProblem & { participant: string }>,
): Pick<ImportReport, 'created' | 'changed' | 'unchanged' | 'problems' | 'lines'> {
  const count = (kind: PlannedRow['kind']) => planned.filter((row) => row.kind === kind).length;
  const lines: RosterLineReport[] = [
    ...planned.map((row) => ({
      line: row.line,
      participant: row.participant,
      outcome: OUTCOME_OF[row.kind],
      message: null,
    })),
    ...problems.map((problem) => ({
      line: problem.line,
      participant: problem.participant,
      outcome: 'ERROR' as const,
      message: problem.message,
    })),
  ].sort((a, b) => a.line - b.line);
  return {
    created: count('create'),
    changed: count('update'),
    unchanged: count('unchanged'),
    problems: problems.map(({ line, message }) => ({ line, message })),
    lines,
  };
}

/** Thrown inside the import's transaction to undo every row already applied. */
class ImportRefused extends Error {
  constructor(readonly report: ImportReport) {
    super('import refused');
  }
}

/**
 * Applies a published roster through the membership ledger, in one transaction: every row is checked
 * first against the registry as it stands (nothing is written if one fails), then each is applied by
 * the ledger under its row lock. A concurrent admin write to a row's membership either lands before
 * the ledger takes the lock (the row is then judged against the new state: applied if still valid,
 * otherwise reported as a conflict, and nothing at all is applied) or waits for the import to commit
 * (and then meets the new version). A row whose participant already has that status changes nothing,
 * so importing the same file again writes nothing.
 */
@Injectable()
export class RosterImportService {
  constructor(
    private readonly writes: AuditedWriteService,
    private readonly apiKeys: ApiKeysService,
    private readonly coalitions: CoalitionsService,
    private readonly participants: ParticipantsService,
    private readonly ledger: MembershipLedger,
  ) {}

  /** The CLI's way in: the import is recorded against the admin key of that name. */
  async importRoster(options: {
    coalition: string;
    rows: RosterRow[];
    keyName: string;
    isDryRun: boolean;
  }): Promise<ImportReport> {
    const caller = await this.apiKeys.findActiveByName(options.keyName);
    if (!caller) throw new InvalidInput('key-name', `No live API key is named "${options.keyName}"`);
    if (caller.role !== 'ADMIN') throw new InvalidInput('key-name', `The key "${options.keyName}" is not an admin key`);
    const write: WriteRequest = { caller, requestId: `import by ${caller.keyName}` };
    return this.importAs(write, options);
  }

  /** The importRoster mutation: CSV text as the CLI reads it from a file, under the same caps. */
  importCsv(write: WriteRequest, input: { coalition: string; csv: string; isDryRun: boolean }): Promise<ImportReport> {
    assertRosterSize(input.csv, 'csv');
    let rows: RosterRow[];
    try {
      rows = parseRosterFile('roster.csv', input.csv);
    } catch (error) {
      if (error instanceof RosterFileError) throw new InvalidInput('csv', error.message);
      throw error;
    }
    return this.importAs(write, { coalition: input.coalition, rows, isDryRun: input.isDryRun });
  }

  /**
   * The API's way in (importRoster mutation), and the CLI's after it found its key: the same checks,
   * ledger and transaction; a repeated Idempotency-Key returns the first report without writing again.
   */
  async importAs(
    write: WriteRequest,
    options: { coalition: string; rows: RosterRow[]; isDryRun: boolean },
  ): Promise<ImportReport> {
    assertRowCount(options.rows.length);
    const coalition = await this.coalitions.findBySlug(options.coalition, 'coalition');
    if (!coalition) throw new NotFound(`No coalition has the slug "${options.coalition}"`, { argument: 'coalition' });
    const empty = { isDryRun: options.isDryRun, isApplied: false, created: 0, changed: 0, unchanged: 0 };
    const input = { coalition: coalition.slug, rows: options.rows, isDryRun: options.isDryRun };

    try {
      return await this.writes.perform(write, 'importRoster', input, async (tx) => {
        // One import at a time: two would interleave their rows' locks.
        await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('coalition-registry:roster-import'))`);
        const { planned, problems } = await this.check(
          tx.manager,
          { id: coalition.id, slug: coalition.slug },
          options.rows,
        );
        if (problems.length > 0 || options.isDryRun) return { ...empty, ...reportOf(planned, problems) };
        return this.apply(tx, planned, empty);
      });
    } catch (error) {
      if (error instanceof ImportRefused) return error.report;
      throw error;
    }
  }

  /** Every row checked against the file and the registry as it stands; nothing is written here. */
  private async check(
    manager: EntityManager,
    coalition: { id: string; slug: string },
    rows: RosterRow[],
  ): Promise<{ planned: PlannedRow[]; problems: Array<RosterProblem & { participant: string }> }> {
    const problems: Array<RosterProblem & { participant: string }> = [];
    const planned: PlannedRow[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      try {
        const change = await this.changeOf(manager, coalition, row);
        const earlier = seen.get(change.participantId);
        if (earlier !== undefined) {
          throw new InvalidInput('participant', `${change.names.participant} appears already on line ${earlier}`);
        }
        seen.set(change.participantId, row.line);
        const kind = await this.ledger.check(manager, change);
        planned.push({ line: row.line, participant: row.participant, change, kind });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problems.push({ line: row.line, participant: row.participant, message: error.message });
      }
    }
    return { planned, problems };
  }

  /** A row as the change it asks of the ledger, its fields checked by the same rules as the API's inputs. */
  private async changeOf(
    manager: EntityManager,
    coalition: { id: string; slug: string },
    row: RosterRow,
  ): Promise<MembershipChange> {
    const code = parseParticipantCode(row.participant, 'participant');
    const participant = await this.participants.findEntityByCode(code, manager);
    if (!participant) throw new InvalidInput('participant', `participant ${code} is not known to the registry`);
    const status = row.status.trim().toUpperCase() as MembershipStatus;
    if (!Object.values(MembershipStatus).includes(status)) {
      throw new InvalidInput(
        'status',
        `status must be one of ${Object.values(MembershipStatus).join(', ')}, got "${row.status}"`,
      );
    }
    const date = parseCalendarDate(row.date.trim(), 'date');
    const source = {
      url: requiredHttpUrl(row.sourceUrl, 'source url'),
      title: requiredText(row.sourceTitle, 'source title', INPUT_LIMITS.sourceTitle),
    };
    return {
      coalitionId: coalition.id,
      participantId: participant.id,
      names: { coalition: coalition.slug, participant: participant.code },
      status,
      effectiveOn: date,
      dateField: 'date',
      // A roster attests a state; like the seed, it records that state without inventing an invitation.
      isAttested: true,
      ifAbsent: 'create',
      ifSameStatus: 'unchanged',
      note: optionalText(row.note, 'note', INPUT_LIMITS.note),
      sources: [source],
      operation: 'importRoster',
      requestId: `import line ${row.line}`,
    };
  }

  /**
   * Each row through the ledger, which locks its membership and judges it against what is there now.
   * A row the ledger refuses was valid when checked, so a concurrent write changed its membership in
   * between: a conflict, and the whole import is undone.
   */
  private async apply(
    tx: WriteTransaction,
    planned: PlannedRow[],
    empty: Omit<ImportReport, 'problems' | 'lines'>,
  ): Promise<ImportReport> {
    const done: PlannedRow[] = [];
    const problems: Array<RosterProblem & { participant: string }> = [];
    for (const row of planned) {
      try {
        const outcome = await this.ledger.record(tx, row.change);
        const kind = !outcome.isChanged ? 'unchanged' : outcome.before ? 'update' : 'create';
        done.push({ ...row, kind });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problems.push({
          line: row.line,
          participant: row.participant,
          message: `conflict: the membership changed while the import ran; ${error.message}`,
        });
      }
    }
    if (problems.length > 0) {
      const refused = reportOf(done, problems);
      throw new ImportRefused({ ...empty, ...refused, created: 0, changed: 0, unchanged: 0 });
    }
    return { ...empty, isApplied: true, ...reportOf(done, []) };
  }
}
