import { Injectable } from '@nestjs/common';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import { assertDateInOrder } from '../common/calendar-date.js';
import { DatePrecision } from '../common/date-precision.js';
import { InvalidInput } from '../common/domain-errors.js';
import { requiredId } from '../common/input-rules.js';
import type { WriteRequest } from '../common/write-request.js';
import type { CorrectMembershipEventInput, RetractMembershipEventInput } from './dto/membership-corrections.input.js';
import { MembershipLedger } from './membership-ledger.js';
import type { Membership } from './membership.model.js';

/** Event precisions a membership's history holds (its table's CHECK says the same). */
const EVENT_PRECISIONS: readonly string[] = [DatePrecision.DAY, DatePrecision.MONTH];

/**
 * Corrections through the API: retract or correct one membership event, each one audited transaction
 * through the membership ledger (which holds the rule: the standing history must still replay).
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
      if (input.effectiveOn) assertDateInOrder(input.effectiveOn, 'effectiveOn');
      const precision = input.effectiveOnPrecision ?? undefined;
      if (precision !== undefined && !EVENT_PRECISIONS.includes(precision)) {
        throw new InvalidInput(
          'effectiveOnPrecision',
          `effectiveOnPrecision must be ${EVENT_PRECISIONS.join(' or ')} for a membership event`,
        );
      }
      const outcome = await this.ledger.correct(tx, {
        eventId,
        reason: input.reason,
        expectedVersion: input.expectedVersion,
        sources: [input.source],
        status: input.status ?? undefined,
        effectiveOn: input.effectiveOn ?? undefined,
        precision,
        note: input.note ?? undefined,
        operation: 'correctMembershipEvent',
      });
      return outcome.after;
    });
  }
}
