import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CoalitionEventEntity } from '../coalitions/coalition-event.entity.js';
import { CoalitionEntity } from '../coalitions/coalition.entity.js';
import { EngagementEntity } from '../coalitions/engagement.entity.js';
import { LineOfEffortEntity } from '../coalitions/line-of-effort.entity.js';
import { ReportedFigureEntity } from '../coalitions/reported-figure.entity.js';
import { CommitmentEntity } from '../commitments/commitment.entity.js';
import { DatePrecision } from '../common/date-precision.js';
import { MembershipEventEntity } from '../memberships/membership-event.entity.js';
import { MembershipEntity } from '../memberships/membership.entity.js';
import { MembershipStatus } from '../memberships/membership-status.js';
import { countryCatalog, searchTextOf } from '../participants/country-catalog.js';
import { ParticipantKind } from '../participants/participant-kind.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import type { CitedFact } from '../sources/citation.entity.js';
import { SourcesService } from '../sources/sources.service.js';
import { announceChange } from '../response-cache/registry-changes.service.js';
import type { CoalitionSeed, OrganizationSeed } from './coalition-seed.js';
import { SYNTHETIC_DRUG_COALITION } from './synthetic-drug-coalition.data.js';

export const SEED_ACTOR = 'seed';

const ORGANIZATIONS: OrganizationSeed[] = [{ acronym: 'EU', name: 'European Union', aliases: [] }];

/**
 * Loads the registry's reference data: every ISO country (refreshed on each run, so a package
 * update reaches the data) and each coalition's sourced facts (only when that coalition is absent,
 * so a restart never duplicates a row and never overwrites what admins recorded since).
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sources: SourcesService,
  ) {}

  async run(seeds: CoalitionSeed[] = [SYNTHETIC_DRUG_COALITION]): Promise<void> {
    await this.db.transaction(async (manager) => {
      // Two instances starting together must not both seed.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('coalition-registry:seed'))`);
      await this.upsertCountries(manager);
      for (const organization of ORGANIZATIONS) await this.ensureOrganization(manager, organization);
      for (const seed of seeds) {
        const exists = await manager.getRepository(CoalitionEntity).existsBy({ slug: seed.coalition.slug });
        if (exists) continue;
        await this.loadCoalition(manager, seed);
        await announceChange(manager);
        this.logger.log(`Seeded coalition ${seed.coalition.slug}`);
      }
    });
  }

  private async upsertCountries(manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO participant (kind, code, alpha3, name, official_name, region, subregion, aliases, search_text)
       SELECT x.kind, x.code, x.alpha3, x.name, x."officialName", x.region, x.subregion,
              ARRAY(SELECT jsonb_array_elements_text(x.aliases)), x."searchText"
         FROM jsonb_to_recordset($1::jsonb) AS x(kind text, code text, alpha3 text, name text, "officialName" text,
              region text, subregion text, aliases jsonb, "searchText" text)
       ON CONFLICT (code) DO UPDATE SET alpha3 = EXCLUDED.alpha3, name = EXCLUDED.name,
              official_name = EXCLUDED.official_name, region = EXCLUDED.region, subregion = EXCLUDED.subregion,
              aliases = EXCLUDED.aliases, search_text = EXCLUDED.search_text
        WHERE participant.kind = 'COUNTRY'`,
      [JSON.stringify(countryCatalog())],
    );
  }

  private async ensureOrganization(manager: EntityManager, organization: OrganizationSeed): Promise<ParticipantEntity> {
    const participants = manager.getRepository(ParticipantEntity);
    const existing = await participants.findOneBy({ code: organization.acronym });
    if (existing) return existing;
    return participants.save({
      kind: ParticipantKind.INTERNATIONAL_ORGANIZATION,
      code: organization.acronym,
      alpha3: null,
      name: organization.name,
      officialName: null,
      region: null,
      subregion: null,
      website: null,
      aliases: organization.aliases,
      searchText: searchTextOf([organization.acronym, organization.name, ...organization.aliases]),
    });
  }

  private async loadCoalition(manager: EntityManager, seed: CoalitionSeed): Promise<void> {
    const sourceIds = new Map<string, string>();
    for (const [key, source] of Object.entries(seed.sources)) {
      const row = await this.sources.findOrCreate(manager, source);
      sourceIds.set(key, row.id);
    }
    const cite = (fact: CitedFact, id: string, keys: string[]) =>
      this.sources.cite(
        manager,
        fact,
        id,
        keys.map((key) => {
          const sourceId = sourceIds.get(key);
          if (!sourceId) throw new Error(`Seed cites unknown source "${key}"`);
          return sourceId;
        }),
      );
    const participantId = async (code: string) => {
      const row = await manager.getRepository(ParticipantEntity).findOneBy({ code });
      if (!row) throw new Error(`Seed names unknown participant "${code}"`);
      return row.id;
    };

    const { coalition: facts } = seed;
    const coalition = await manager.getRepository(CoalitionEntity).save({
      slug: facts.slug,
      name: facts.name,
      description: facts.description,
      foundingText: facts.foundingText,
      launchedOn: facts.launchedOn,
      convenerId: await participantId(facts.convener),
      rosterNote: seed.rosterNote,
    });
    await cite('coalition', coalition.id, facts.sources);

    for (const figure of seed.reportedFigures) {
      const row = await manager.getRepository(ReportedFigureEntity).save({
        coalitionId: coalition.id,
        reportedOn: figure.reportedOn,
        reportedOnPrecision: (figure.precision ?? 'DAY') as DatePrecision,
        countries: figure.countries,
        countriesQualifier: figure.countries === null ? null : (figure.countriesQualifier ?? null),
        organizations: figure.organizations,
        organizationsQualifier: figure.organizations === null ? null : (figure.organizationsQualifier ?? null),
        wording: figure.wording,
      } as ReportedFigureEntity);
      await cite('reported_figure', row.id, figure.sources);
    }
    for (const event of facts.events) {
      const row = await manager
        .getRepository(CoalitionEventEntity)
        .save({ coalitionId: coalition.id, occurredOn: event.on, title: event.title });
      await cite('coalition_event', row.id, event.sources);
    }
    for (const line of facts.linesOfEffort) {
      const row = await manager.getRepository(LineOfEffortEntity).save({
        coalitionId: coalition.id,
        key: line.key,
        workingGroup: line.workingGroup,
        name: line.name,
        subGroups: line.subGroups,
      } as LineOfEffortEntity);
      await cite('line_of_effort', row.id, line.sources);
    }
    for (const organization of seed.engagedOrganizationsNotConfirmedAsMembers) {
      const participant = await this.ensureOrganization(manager, { ...organization, aliases: [] });
      const row = await manager
        .getRepository(EngagementEntity)
        .save({ coalitionId: coalition.id, participantId: participant.id, note: organization.note });
      await cite('engagement', row.id, organization.sources);
    }

    const membershipIds = new Map<string, string>();
    for (const member of seed.memberships) {
      const status = member.status as MembershipStatus;
      const precision = (member.precision ?? 'DAY') as DatePrecision;
      const membership = await manager.getRepository(MembershipEntity).save({
        coalitionId: coalition.id,
        participantId: await participantId(member.participant),
        status,
        // An invitation is dated only when the invitation itself is what the source attests.
        invitedOn: status === MembershipStatus.INVITED ? member.attested : null,
        statusSince: member.attested,
        statusSincePrecision: precision,
        role: member.role ?? null,
        note: member.note ?? null,
      });
      membershipIds.set(member.participant, membership.id);
      const event = await manager.getRepository(MembershipEventEntity).save({
        membershipId: membership.id,
        status,
        effectiveOn: member.attested,
        effectiveOnPrecision: precision,
        isAttested: true,
        recordedBy: SEED_ACTOR,
        note: member.note ?? null,
      });
      await cite('membership_event', event.id, member.sources);
    }

    for (const commitment of seed.commitments) {
      for (const code of commitment.participants) {
        const membershipId = membershipIds.get(code);
        if (!membershipId) throw new Error(`Seed commitment "${commitment.title}" names non-member "${code}"`);
        const row = await manager.getRepository(CommitmentEntity).save({
          membershipId,
          title: commitment.title,
          description: commitment.description ?? null,
          lineOfEffort: commitment.lineOfEffort,
          status: commitment.status,
          madeOn: commitment.madeOn,
          isAttested: commitment.note?.includes('no later than') ?? false,
          note: commitment.note ?? null,
        } as CommitmentEntity);
        await cite('commitment', row.id, commitment.sources);
      }
    }
  }
}
