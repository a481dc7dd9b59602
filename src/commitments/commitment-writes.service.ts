import { Injectable } from '@nestjs/common';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import { requiredId } from '../common/input-rules.js';
import type { WriteRequest } from '../common/write-request.js';
import { MembershipWritesService } from '../memberships/membership-writes.service.js';
import { CommitmentLedger } from './commitment-ledger.js';
import type { Commitment } from './commitment.model.js';
import type {
  RecordCommitmentInput,
  RetractCommitmentInput,
  UpdateCommitmentStatusInput,
} from './dto/commitment-writes.input.js';

/** What moves a commitment through the API, each one audited transaction through the commitment ledger. */
@Injectable()
export class CommitmentWritesService {
  constructor(
    private readonly writes: AuditedWriteService,
    private readonly ledger: CommitmentLedger,
    private readonly memberships: MembershipWritesService,
  ) {}

  /** Only a COMMITTED member can undertake something; the pledge cannot predate its commitment. */
  recordCommitment(write: WriteRequest, input: RecordCommitmentInput): Promise<Commitment> {
    return this.writes.perform(write, 'recordCommitment', input, async (tx) => {
      const parties = await this.memberships.resolveParties(tx.manager, input.coalition, input.participant);
      return this.ledger.record(tx, {
        coalitionId: parties.coalitionId,
        participantId: parties.participantId,
        participant: parties.names.participant,
        title: input.title,
        description: input.description ?? null,
        lineOfEffort: input.lineOfEffort ?? null,
        status: input.status,
        madeOn: input.madeOn,
        sources: [input.source],
        operation: 'recordCommitment',
      });
    });
  }

  updateStatus(write: WriteRequest, input: UpdateCommitmentStatusInput): Promise<Commitment> {
    return this.writes.perform(write, 'updateCommitmentStatus', input, async (tx) => {
      return this.ledger.changeStatus(tx, {
        id: requiredId(input.id, 'id', 'a commitment'),
        status: input.status,
        expectedVersion: input.expectedVersion,
        note: input.note ?? null,
        sources: [input.source],
        operation: 'updateCommitmentStatus',
      });
    });
  }

  /** Withdraws a commitment (it stays readable by id, with the reason). */
  retract(write: WriteRequest, input: RetractCommitmentInput): Promise<Commitment> {
    return this.writes.perform(write, 'retractCommitment', input, async (tx) =>
      this.ledger.retract(tx, {
        id: requiredId(input.id, 'id', 'a commitment'),
        reason: input.reason,
        expectedVersion: input.expectedVersion,
        sources: input.source ? [input.source] : [],
        operation: 'retractCommitment',
      }),
    );
  }
}
