import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorOf } from '../audit/actor.js';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import type { WriteTransaction } from '../audit/write-transaction.js';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { CoalitionsService } from '../coalitions/coalitions.service.js';
import { parseCalendarDate } from '../common/calendar-date.js';
import { DomainError, InvalidInput, NotFound } from '../common/domain-errors.js';
import { INPUT_LIMITS, optionalText, requiredHttpUrl, requiredText } from '../common/input-rules.js';
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

export interface ImportReport {
  isDryRun: boolean;
  /** True only when every row passed and the changes were written. */
  isApplied: boolean;
  created: number;
  changed: number;
  unchanged: number;
  problems: RosterProblem[];
}

interface PlannedRow {
  line: number;
  change: MembershipChange;
  /** What the ledger would do with the row as the registry stood when it was checked. */
  kind: 'create' | 'update' | 'unchanged';
}

function countsOf(planned: PlannedRow[]): Pick<ImportReport, 'created' | 'changed' | 'unchanged'> {
  const count = (kind: PlannedRow['kind']) => planned.filter((row) => row.kind === kind).length;
  return { created: count('create'), changed: count('update'), unchanged: count('unchanged') };
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

  async importRoster(options: {
    coalition: string;
    rows: RosterRow[];
    keyName: string;
    isDryRun: boolean;
  }): Promise<ImportReport> {
    const caller = await this.apiKeys.findActiveByName(options.keyName);
    if (!caller) throw new InvalidInput('key-name', `No live API key is named "${options.keyName}"`);
    if (caller.role !== 'ADMIN') throw new InvalidInput('key-name', `The key "${options.keyName}" is not an admin key`);
    const coalition = await this.coalitions.findBySlug(options.coalition, 'coalition');
    if (!coalition) throw new NotFound(`No coalition has the slug "${options.coalition}"`);
    const empty = { isDryRun: options.isDryRun, isApplied: false, created: 0, changed: 0, unchanged: 0 };

    try {
      return await this.writes.run(actorOf(caller), async (tx) => {
        // One import at a time: two would interleave their rows' locks.
        await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('coalition-registry:roster-import'))`);
        const { planned, problems } = await this.check(
          tx.manager,
          { id: coalition.id, slug: coalition.slug },
          options.rows,
        );
        if (problems.length > 0 || options.isDryRun) return { ...empty, ...countsOf(planned), problems };
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
  ): Promise<{ planned: PlannedRow[]; problems: RosterProblem[] }> {
    const problems: RosterProblem[] = [];
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
        planned.push({ line: row.line, change, kind: await this.ledger.check(manager, change) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problems.push({ line: row.line, message: error.message });
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
    empty: Omit<ImportReport, 'problems'>,
  ): Promise<ImportReport> {
    const report: ImportReport = { ...empty, isApplied: true, problems: [] };
    for (const { line, change } of planned) {
      try {
        const outcome = await this.ledger.record(tx, change);
        if (!outcome.isChanged) report.unchanged += 1;
        else if (outcome.before) report.changed += 1;
        else report.created += 1;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        report.problems.push({
          line,
          message: `conflict: the membership changed while the import ran; ${error.message}`,
        });
      }
    }
    if (report.problems.length > 0) {
      throw new ImportRefused({ ...empty, problems: report.problems });
    }
    return report;
  }
}
