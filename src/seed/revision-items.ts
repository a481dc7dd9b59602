import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { WriteTransaction } from '../audit/write-transaction.js';
import { CoalitionRecordsService } from '../coalitions/coalition-records.service.js';
import { CoalitionsService } from '../coalitions/coalitions.service.js';
import type { FigureQualifier } from '../coalitions/figure-qualifier.js';
import { ReportedFiguresService } from '../coalitions/reported-figures.service.js';
import type { DatePrecision } from '../common/date-precision.js';
import { MembershipLedger } from '../memberships/membership-ledger.js';
import type { MembershipStatus } from '../memberships/membership-status.js';
import { MembershipsService } from '../memberships/memberships.service.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { CoalitionLoader } from './coalition-loader.js';
import {
  itemLabel,
  type EngagementItem,
  type MembershipCorrectionItem,
  type MembershipItem,
  type ReportedFigureItem,
  type RevisionItem,
} from './dataset-revision.js';
import {
  decideRevisionItem,
  isDatasetWriter,
  type FactWriter,
  type ItemDecision,
  type ItemTarget,
} from './revision-item-rule.js';
import type { RevisionSources, SkipReport } from './revision-sources.js';

/** The operation a revision's writes carry in the audit log. */
export const REVISION_OPERATION = 'applyDatasetRevision';

/**
 * Applies one item of a revision inside the revision's transaction, if the rule lets it
 * (revision-item-rule.ts): looks up the fact the item is about and who wrote it, decides, and writes
 * through the fact's ledger or write service. Returns whether it applied; a skip is reported.
 */
@Injectable()
export class RevisionItems {
  constructor(
    private readonly audit: AuditService,
    private readonly coalitions: CoalitionsService,
    private readonly records: CoalitionRecordsService,
    private readonly figures: ReportedFiguresService,
    private readonly participants: ParticipantsService,
    private readonly memberships: MembershipsService,
    private readonly ledger: MembershipLedger,
    private readonly loader: CoalitionLoader,
  ) {}

  async apply(tx: WriteTransaction, item: RevisionItem, sources: RevisionSources, report: SkipReport) {
    const decided = (decision: ItemDecision): boolean => {
      if (!decision.apply) report(itemLabel(item), decision);
      return decision.apply;
    };
    switch (item.kind) {
      case 'coalition': {
        const existing = await this.coalitions.findIn(tx.manager, item.facts.coalition.slug);
        const target: ItemTarget = existing
          ? { isPresent: true, writers: await this.audit.writersOf(tx.manager, existing.id) }
          : { isPresent: false };
        if (!decided(decideRevisionItem('add', target))) return false;
        await this.loader.load(tx, item.facts, sources, REVISION_OPERATION);
        return true;
      }
      case 'membership':
        return this.addMember(tx, item, sources, decided);
      case 'membershipCorrection':
        return this.correctFirstEvent(tx, item, sources, decided);
      case 'reportedFigure':
        return this.addFigure(tx, item, sources, decided);
      case 'engagement':
        return this.addEngagement(tx, item, sources, decided);
    }
  }

  /** A sourced correction of a member's first event, while that event is still the dataset's own. */
  private async correctFirstEvent(
    tx: WriteTransaction,
    item: MembershipCorrectionItem,
    sources: RevisionSources,
    decided: (decision: ItemDecision) => boolean,
  ): Promise<boolean> {
    const { coalitionId, participantId } = await this.parties(tx, item);
    const current = await this.memberships.curation(tx.manager, coalitionId, participantId);
    const first = current?.firstEvent ?? null;
    const target: ItemTarget =
      current && first
        ? {
            isPresent: true,
            writers: await this.writersOfMembership(tx, current.id, current.recorders),
            isAsExpected:
              first.status === item.corrects.status &&
              first.effectiveOn === item.corrects.effectiveOn &&
              isDatasetWriter({ name: first.recordedBy }),
          }
        : { isPresent: false };
    if (!decided(decideRevisionItem('amend', target))) return false;
    await this.ledger.correct(tx, {
      eventId: first!.id,
      reason: item.reason,
      effectiveOn: item.attested,
      isAttested: true,
      note: item.note ?? null,
      sources: await sources.cite(item.sources),
      operation: REVISION_OPERATION,
    });
    return true;
  }

  /** A headcount, unless the coalition has one that day with the same wording or the same numbers. */
  private async addFigure(
    tx: WriteTransaction,
    item: ReportedFigureItem,
    sources: RevisionSources,
    decided: (decision: ItemDecision) => boolean,
  ): Promise<boolean> {
    const { id: coalitionId } = await this.coalition(tx, item.coalition);
    const same = (await this.figures.onDay(tx.manager, coalitionId, item.reportedOn)).filter(
      (figure) =>
        figure.wording === item.wording ||
        (figure.countries === item.countries &&
          figure.organizations === item.organizations &&
          figure.combined === (item.combined ?? null)),
    );
    const writers = (await Promise.all(same.map((figure) => this.audit.writersOf(tx.manager, figure.id)))).flat();
    const target: ItemTarget = same.length > 0 ? { isPresent: true, writers } : { isPresent: false };
    if (!decided(decideRevisionItem('add', target))) return false;
    await this.figures.record(tx, {
      coalitionId,
      reportedOn: item.reportedOn,
      reportedOnPrecision: (item.precision ?? 'DAY') as DatePrecision,
      countries: item.countries,
      countriesQualifier: (item.countriesQualifier ?? null) as FigureQualifier | null,
      organizations: item.organizations,
      organizationsQualifier: (item.organizationsQualifier ?? null) as FigureQualifier | null,
      combined: item.combined ?? null,
      combinedQualifier: (item.combinedQualifier ?? null) as FigureQualifier | null,
      wording: item.wording,
      sources: await sources.cite(item.sources),
      operation: REVISION_OPERATION,
    });
    return true;
  }

  /** A participant linked with the coalition but not confirmed a member (a country or an organisation). */
  private async addEngagement(
    tx: WriteTransaction,
    item: EngagementItem,
    sources: RevisionSources,
    decided: (decision: ItemDecision) => boolean,
  ): Promise<boolean> {
    const { coalitionId, participantId } = await this.parties(tx, item);
    const existing = await this.coalitions.engagementIn(tx.manager, coalitionId, participantId);
    const target: ItemTarget = existing
      ? { isPresent: true, writers: await this.audit.writersOf(tx.manager, existing.id) }
      : { isPresent: false };
    if (!decided(decideRevisionItem('add', target))) return false;
    await this.records.recordEngagement(tx, {
      coalitionId,
      participantId,
      participant: item.participant,
      note: item.note,
      sources: await sources.cite(item.sources),
      operation: REVISION_OPERATION,
    });
    return true;
  }

  private async addMember(
    tx: WriteTransaction,
    item: MembershipItem,
    sources: RevisionSources,
    decided: (decision: ItemDecision) => boolean,
  ): Promise<boolean> {
    const { coalitionId, participantId } = await this.parties(tx, item);
    const current = await this.memberships.curation(tx.manager, coalitionId, participantId);
    const target: ItemTarget = current
      ? { isPresent: true, writers: await this.writersOfMembership(tx, current.id, current.recorders) }
      : { isPresent: false };
    if (!decided(decideRevisionItem('add', target))) return false;
    await this.ledger.record(tx, {
      coalitionId,
      participantId,
      names: { coalition: item.coalition, participant: item.participant },
      status: item.status as MembershipStatus,
      effectiveOn: item.attested,
      precision: (item.precision ?? 'DAY') as DatePrecision,
      dateField: 'attested',
      isAttested: true,
      ifAbsent: 'create',
      note: item.note ?? null,
      sources: await sources.cite(item.sources),
      operation: REVISION_OPERATION,
    });
    return true;
  }

  /** Who wrote a membership: its history's recorders, and the audit log's writers with their roles. */
  private async writersOfMembership(
    tx: WriteTransaction,
    membershipId: string,
    recorders: readonly string[],
  ): Promise<FactWriter[]> {
    const audited = await this.audit.writersOf(tx.manager, membershipId);
    const named = recorders.filter((name) => !audited.some((writer) => writer.name === name));
    return [...audited, ...named.map((name) => ({ name }))];
  }

  private async coalition(tx: WriteTransaction, slug: string) {
    const coalition = await this.coalitions.findIn(tx.manager, slug);
    if (!coalition) throw new Error(`The dataset names unknown coalition "${slug}"`);
    return coalition;
  }

  private async parties(tx: WriteTransaction, item: { coalition: string; participant: string }) {
    const coalition = await this.coalition(tx, item.coalition);
    const participant = await this.participants.findEntityByCode(item.participant, tx.manager);
    if (!participant) throw new Error(`The dataset names unknown participant "${item.participant}"`);
    return { coalitionId: coalition.id, participantId: participant.id };
  }
}
