import { Injectable } from '@nestjs/common';
import type { WriteTransaction } from '../audit/write-transaction.js';
import type { FigureQualifier } from '../coalitions/figure-qualifier.js';
import { CoalitionRecordsService } from '../coalitions/coalition-records.service.js';
import { ReportedFiguresService } from '../coalitions/reported-figures.service.js';
import type { CommitmentStatus } from '../commitments/commitment-status.js';
import { CommitmentLedger } from '../commitments/commitment-ledger.js';
import type { DatePrecision } from '../common/date-precision.js';
import type { LineOfEffort } from '../common/line-of-effort.js';
import { MembershipLedger } from '../memberships/membership-ledger.js';
import type { MembershipStatus } from '../memberships/membership-status.js';
import { ParticipantsService } from '../participants/participants.service.js';
import type { CoalitionSeed } from './coalition-seed.js';
import type { RevisionSources } from './revision-sources.js';

/**
 * A coalition with every fact gathered about it (revision 1 of the dataset): the coalition, its
 * figures, events, lines of effort and engagements, then its memberships and commitments through
 * their ledgers, audited as the revision. Called only when the coalition is absent.
 */
@Injectable()
export class CoalitionLoader {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly records: CoalitionRecordsService,
    private readonly figures: ReportedFiguresService,
    private readonly memberships: MembershipLedger,
    private readonly commitments: CommitmentLedger,
  ) {}

  async load(tx: WriteTransaction, seed: CoalitionSeed, sources: RevisionSources, operation: string): Promise<void> {
    const { manager } = tx;
    const cite = (keys: string[]) => sources.cite(keys);
    const participantId = async (code: string) => {
      const row = await this.participants.findEntityByCode(code, manager);
      if (!row) throw new Error(`The dataset names unknown participant "${code}"`);
      return row.id;
    };

    const { coalition: facts } = seed;
    const { id: coalitionId } = await this.records.createCoalition(tx, {
      slug: facts.slug,
      name: facts.name,
      description: facts.description,
      foundingText: facts.foundingText,
      launchedOn: facts.launchedOn,
      convenerId: await participantId(facts.convener),
      rosterNote: seed.rosterNote,
      sources: await cite(facts.sources),
      operation,
    });
    for (const figure of seed.reportedFigures) {
      await this.figures.record(tx, {
        coalitionId,
        reportedOn: figure.reportedOn,
        reportedOnPrecision: (figure.precision ?? 'DAY') as DatePrecision,
        countries: figure.countries,
        countriesQualifier: (figure.countriesQualifier ?? null) as FigureQualifier | null,
        organizations: figure.organizations,
        organizationsQualifier: (figure.organizationsQualifier ?? null) as FigureQualifier | null,
        wording: figure.wording,
        sources: await cite(figure.sources),
        operation,
      });
    }
    for (const event of facts.events) {
      await this.records.recordEvent(tx, {
        coalitionId,
        occurredOn: event.on,
        title: event.title,
        sources: await cite(event.sources),
        operation,
      });
    }
    for (const line of facts.linesOfEffort) {
      await this.records.recordLineOfEffort(tx, {
        coalitionId,
        key: line.key as LineOfEffort,
        workingGroup: line.workingGroup,
        name: line.name,
        subGroups: line.subGroups,
        sources: await cite(line.sources),
        operation,
      });
    }
    for (const organization of seed.engagedOrganizationsNotConfirmedAsMembers) {
      const participant = await this.participants.ensureOrganization(manager, { ...organization, aliases: [] });
      await this.records.recordEngagement(tx, {
        coalitionId,
        participantId: participant.id,
        participant: participant.code,
        note: organization.note,
        sources: await cite(organization.sources),
        operation,
      });
    }

    const members = new Map<string, string>();
    for (const member of seed.memberships) {
      const id = await participantId(member.participant);
      members.set(member.participant, id);
      await this.memberships.record(tx, {
        coalitionId,
        participantId: id,
        names: { coalition: facts.slug, participant: member.participant },
        status: member.status as MembershipStatus,
        effectiveOn: member.attested,
        precision: (member.precision ?? 'DAY') as DatePrecision,
        dateField: 'attested',
        isAttested: true,
        ifAbsent: 'create',
        note: member.note ?? null,
        role: member.role ?? null,
        sources: await cite(member.sources),
        operation,
      });
    }

    for (const commitment of seed.commitments) {
      for (const code of commitment.participants) {
        const id = members.get(code);
        if (!id) throw new Error(`The dataset's commitment "${commitment.title}" names non-member "${code}"`);
        await this.commitments.record(tx, {
          coalitionId,
          participantId: id,
          participant: code,
          title: commitment.title,
          description: commitment.description ?? null,
          lineOfEffort: commitment.lineOfEffort as LineOfEffort | null,
          status: commitment.status as CommitmentStatus,
          madeOn: commitment.madeOn,
          isAttested: commitment.isAttested,
          note: commitment.note ?? null,
          sources: await cite(commitment.sources),
          operation,
        });
      }
    }
  }
}
