import type { EntityManager } from 'typeorm';
import type { ChangeSubject } from '../response-cache/registry-change-notice.js';
import type { Actor } from './actor.js';
import type { AuditService } from './audit.service.js';

/**
 * One audited write in progress: the transaction every ledger writes through, who it is for, and the
 * changes it made so far. Created only by AuditedWriteService, which sends the transaction's one change
 * notice when it commits; a ledger records each change here, which writes its audit entry.
 */
export class WriteTransaction {
  private changes = 0;
  private readonly changedSubjects: ChangeSubject[] = [];

  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
    readonly requestId: string | null,
    private readonly audit: AuditService,
  ) {}

  /**
   * The audit entry of one change (in this transaction, so it exists exactly when the change does).
   * `subject` names the record changed, for the change notice (live updates). It is required so that
   * a new writer cannot forget it: only a write that changes no registry record (an API key, a
   * dataset revision's own entry) says `null`, and then no subscriber hears of it.
   */
  async recordChange(
    change: { operation: string; before: unknown; after: unknown; subject: ChangeSubject | null },
    requestId: string | null = this.requestId,
  ): Promise<void> {
    const { subject, ...entry } = change;
    await this.audit.record(this.manager, this.actor, entry, requestId);
    if (subject) this.changedSubjects.push(subject);
    this.changes += 1;
  }

  get hasChanges(): boolean {
    return this.changes > 0;
  }

  /** The records changed so far, for the transaction's one change notice. */
  get subjects(): readonly ChangeSubject[] {
    return this.changedSubjects;
  }
}
