import { Injectable } from '@nestjs/common';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import { requiredId } from '../common/input-rules.js';
import type { WriteRequest } from '../common/write-request.js';
import type { CorrectMembershipEventInput, RetractMembershipEventInput } from './dto/membership-corrections.input.js';
import { MembershipLedger } from './membership-ledger.js';
import type { Membership } from './membership.model.js';

/**
 * Corrections through the API: retract or correct one membership event, each one audited transaction
 * through the membership ledger (which holds the rules: the standing history must still replay, with
 * each event dated to the day or the month).
 */
@Injectable()
export class MembershipCorrectionsService {
  constructor(
    private readonly writes: AuditedWriteService,
    private readonly ledger: MembershipLedger,
  ) {}

  retractEvent(write: WriteRequest, input: RetractMembershipEventInput): Promise<Membership> {
    return this.writes.perform(write, 'retractMembershipEvent', input, async (tx) => {
      const outcome = await this.ledger.retract(tx, {
        eventId: requiredId(input.id, 'id', 'a membership event'),
        reason: input.reason,
        expectedVersion: input.expectedVersion,
        sources: input.source ? [input.source] : [],
        operation: 'retractMembershipEvent',
      });
      return outcome.after;
    });
  }

  correctEvent(write: WriteRequest, input: CorrectMembershipEventInput): Promise<Membership> {
    return this.writes.perform(write, 'correctMembershipEvent', input, async (tx) => {
      const eventId = requiredId(input.id, 'id', 'a membership event');
      const outcome = await this.ledger.correct(tx, {
        eventId,
        reason: input.reason,
        expectedVersion: input.expectedVersion,
        sources: [input.source],
        status: input.status ?? undefined,
        effectiveOn: input.effectiveOn ?? undefined,
        precision: input.effectiveOnPrecision ?? undefined,
        note: input.note ?? undefined,
        operation: 'correctMembershipEvent',
      });
      return outcome.after;
    });
  }
}
