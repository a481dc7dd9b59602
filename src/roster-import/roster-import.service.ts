import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { AuditService } from '../audit/audit.service.js';
import { CoalitionsService } from '../coalitions/coalitions.service.js';
import { assertDateInOrder, parseCalendarDate } from '../common/calendar-date.js';
import { DatePrecision } from '../common/date-precision.js';
import { DomainError, InvalidInput, NotFound } from '../common/domain-errors.js';
import type { Caller } from '../common/graphql-context.js';
import { optionalText, requiredText } from '../common/text-input.js';
import { MembershipEntity } from '../memberships/membership.entity.js';
import { assertTransition, MembershipStatus } from '../memberships/membership-status.js';
import { membershipOf, MembershipWritesService } from '../memberships/membership-writes.service.js';
import { parseParticipantCode } from '../participants/participant-code.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { announceChange } from '../response-cache/registry-changes.service.js';
import type { RosterRow } from './roster-file.js';

export interface RosterProblem {
  line: number;
  message: string;
}

interface PlannedRow {
  row: RosterRow;
  participantId: string;
  code: string;
  status: MembershipStatus;
  date: string;
  note: string | null;
  source: { url: string; title: string };
  existing: MembershipEntity | null;
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

/**
 * Applies a published roster: every row is checked first (against the file and the registry as it
 * stands), then all rows are applied in one transaction or none. A row whose participant already has
 * that status changes nothing, so importing the same file again writes nothing.
 */
@Injectable()
export class RosterImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly coalitions: CoalitionsService,
    private readonly participants: ParticipantsService,
    private readonly membershipWrites: MembershipWritesService,
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

    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('coalition-registry:roster-import'))`);
      const problems: RosterProblem[] = [];
      const planned: PlannedRow[] = [];
      const seen = new Map<string, number>();
      for (const row of options.rows) {
        try {
          const plan = await this.check(manager, coalition.id, row);
          const earlier = seen.get(plan.participantId);
          if (earlier !== undefined)
            throw new InvalidInput('participant', `${plan.code} appears already on line ${earlier}`);
          seen.set(plan.participantId, row.line);
          planned.push(plan);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          problems.push({ line: row.line, message: error.message });
        }
      }
      const changes = planned.filter((plan) => plan.existing?.status !== plan.status);
      const report: ImportReport = {
        isDryRun: options.isDryRun,
        isApplied: false,
        created: changes.filter((plan) => !plan.existing).length,
        changed: changes.filter((plan) => plan.existing).length,
        unchanged: planned.length - changes.length,
        problems,
      };
      if (problems.length > 0 || options.isDryRun) return report;
      for (const plan of changes) await this.apply(manager, coalition.id, caller, plan);
      if (changes.length > 0) await announceChange(manager);
      return { ...report, isApplied: true };
    });
  }

  private async check(manager: EntityManager, coalitionId: string, row: RosterRow): Promise<PlannedRow> {
    const code = parseParticipantCode(row.participant, 'participant');
    const participant = await this.participants.findEntityByCode(code);
    if (!participant) throw new InvalidInput('participant', `participant ${code} is not known to the registry`);
    const status = row.status.trim().toUpperCase() as MembershipStatus;
    if (!Object.values(MembershipStatus).includes(status)) {
      throw new InvalidInput(
        'status',
        `status must be one of ${Object.values(MembershipStatus).join(', ')}, got "${row.status}"`,
      );
    }
    const date = parseCalendarDate(row.date.trim(), 'date');
    const url = requiredText(row.sourceUrl, 'source url', 2000);
    if (!/^https?:\/\/\S+$/i.test(url))
      throw new InvalidInput('source url', 'source url must be an http or https address');
    const source = { url, title: requiredText(row.sourceTitle, 'source title', 500) };
    const note = optionalText(row.note, 'note', 2000);
    const existing = await manager
      .getRepository(MembershipEntity)
      .findOneBy({ coalitionId, participantId: participant.id });
    if (existing && existing.status !== status) {
      assertTransition(existing.status, status);
      assertDateInOrder(date, 'date', await this.membershipWrites.lastEventDate(manager, existing.id));
    } else {
      assertDateInOrder(date, 'date');
    }
    return { row, participantId: participant.id, code: participant.code, status, date, note, source, existing };
  }

  private async apply(manager: EntityManager, coalitionId: string, caller: Caller, plan: PlannedRow): Promise<void> {
    const memberships = manager.getRepository(MembershipEntity);
    let row: MembershipEntity;
    if (plan.existing) {
      await memberships.update(plan.existing.id, {
        status: plan.status,
        statusSince: plan.date,
        statusSincePrecision: DatePrecision.DAY,
        version: plan.existing.version + 1,
      });
      row = await memberships.findOneByOrFail({ id: plan.existing.id });
    } else {
      // A roster attests a state; like the seed, it records that state without inventing an invitation date.
      row = await memberships.save({
        coalitionId,
        participantId: plan.participantId,
        status: plan.status,
        invitedOn: plan.status === MembershipStatus.INVITED ? plan.date : null,
        statusSince: plan.date,
        statusSincePrecision: DatePrecision.DAY,
        role: null,
        note: plan.note,
      });
    }
    await this.membershipWrites.appendEvent(manager, caller.keyName, row, plan.date, plan.note, plan.source, true);
    await this.audit.record(
      manager,
      caller,
      {
        operation: 'importRoster',
        before: plan.existing ? membershipOf(plan.existing) : null,
        after: membershipOf(row),
      },
      `import line ${plan.row.line}`,
    );
  }
}
