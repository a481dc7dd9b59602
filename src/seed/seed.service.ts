import { Injectable, Logger } from '@nestjs/common';
import { systemActor } from '../audit/actor.js';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import type { WriteTransaction } from '../audit/write-transaction.js';
import type { FigureQualifier } from '../coalitions/figure-qualifier.js';
import { CoalitionRecordsService } from '../coalitions/coalition-records.service.js';
import { CoalitionsService } from '../coalitions/coalitions.service.js';
import { ReportedFiguresService } from '../coalitions/reported-figures.service.js';
import type { CommitmentStatus } from '../commitments/commitment-status.js';
import { CommitmentLedger } from '../commitments/commitment-ledger.js';
import type { DatePrecision } from '../common/date-precision.js';
import type { LineOfEffort } from '../common/line-of-effort.js';
import { MembershipLedger } from '../memberships/membership-ledger.js';
import { MembershipStatus } from '../memberships/membership-status.js';
import { ParticipantsService, type OrganizationFacts } from '../participants/participants.service.js';
import { SourcesService } from '../sources/sources.service.js';
import type { CoalitionSeed } from './coalition-seed.js';
import { SYNTHETIC_DRUG_COALITION } from './synthetic-drug-coalition.data.js';

/** The seed's name in history (recordedBy) and in the audit log (actor, role SYSTEM). */
export const SEED_ACTOR = 'seed';
const OPERATION = 'seedCoalition';

const ORGANIZATIONS: OrganizationFacts[] = [{ acronym: 'EU', name: 'European Union', aliases: [] }];

/**
 * Loads the registry's reference data: every ISO country (refreshed on each run, so a package
 * update reaches the data) and each coalition's sourced facts (only when that coalition is absent,
 * so a restart never duplicates a row and never overwrites what admins recorded since). Memberships
 * and commitments go through their ledgers, audited as the seed, like any other write.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly writes: AuditedWriteService,
    private readonly participants: ParticipantsService,
    private readonly coalitions: CoalitionsService,
    private readonly records: CoalitionRecordsService,
    private readonly figures: ReportedFiguresService,
    private readonly memberships: MembershipLedger,
    private readonly commitments: CommitmentLedger,
    private readonly sources: SourcesService,
  ) {}

  async run(seeds: CoalitionSeed[] = [SYNTHETIC_DRUG_COALITION]): Promise<void> {
    await this.writes.run(systemActor(SEED_ACTOR), async (tx) => {
      // Two instances starting together must not both seed.
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('coalition-registry:seed'))`);
      await this.participants.refreshCountries(tx.manager);
      for (const organization of ORGANIZATIONS) await this.participants.ensureOrganization(tx.manager, organization);
      for (const seed of seeds) {
        if (await this.coalitions.existsIn(tx.manager, seed.coalition.slug)) continue;
        await this.loadCoalition(tx, seed);
        this.logger.log(`Seeded coalition ${seed.coalition.slug}`);
      }
    });
  }

  private async loadCoalition(tx: WriteTransaction, seed: CoalitionSeed): Promise<void> {
    const { manager } = tx;
    const sourceIds = new Map<string, string>();
    for (const [key, source] of Object.entries(seed.sources)) {
      sourceIds.set(key, await this.sources.findOrCreate(manager, source));
    }
    const cited = (keys: string[]) =>
      keys.map((key) => {
        const id = sourceIds.get(key);
        if (!id) throw new Error(`Seed cites unknown source "${key}"`);
        return { id };
      });
    const participantId = async (code: string) => {
      const row = await this.participants.findEntityByCode(code, manager);
      if (!row) throw new Error(`Seed names unknown participant "${code}"`);
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
      sources: cited(facts.sources),
      operation: OPERATION,
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
        sources: cited(figure.sources),
        operation: OPERATION,
      });
    }
    for (const event of facts.events) {
      await this.records.recordEvent(tx, {
        coalitionId,
        occurredOn: event.on,
        title: event.title,
        sources: cited(event.sources),
        operation: OPERATION,
      });
    }
    for (const line of facts.linesOfEffort) {
      await this.records.recordLineOfEffort(tx, {
        coalitionId,
        key: line.key as LineOfEffort,
        workingGroup: line.workingGroup,
        name: line.name,
        subGroups: line.subGroups,
        sources: cited(line.sources),
        operation: OPERATION,
      });
    }
    for (const organization of seed.engagedOrganizationsNotConfirmedAsMembers) {
      const participant = await this.participants.ensureOrganization(manager, { ...organization, aliases: [] });
      await this.records.recordEngagement(tx, {
        coalitionId,
        participantId: participant.id,
        participant: participant.code,
        note: organization.note,
        sources: cited(organization.sources),
        operation: OPERATION,
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
        sources: cited(member.sources),
        operation: OPERATION,
      });
    }

    for (const commitment of seed.commitments) {
      for (const code of commitment.participants) {
        const id = members.get(code);
        if (!id) throw new Error(`Seed commitment "${commitment.title}" names non-member "${code}"`);
        await this.commitments.record(tx, {
          coalitionId,
          participantId: id,
          participant: code,
          title: commitment.title,
          description: commitment.description ?? null,
          lineOfEffort: commitment.lineOfEffort as LineOfEffort | null,
          status: commitment.status as CommitmentStatus,
          madeOn: commitment.madeOn,
          isAttested: commitment.note?.includes('no later than') ?? false,
          note: commitment.note ?? null,
          sources: cited(commitment.sources),
          operation: OPERATION,
        });
      }
    }
  }
}
