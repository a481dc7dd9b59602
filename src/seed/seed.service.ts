import { Injectable, Logger } from '@nestjs/common';
import { systemActor } from '../audit/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import { ParticipantsService, type OrganizationFacts } from '../participants/participants.service.js';
import { SourcesService } from '../sources/sources.service.js';
import type { SourceSeed } from './coalition-seed.js';
import type { DatasetRevision } from './dataset-revision.js';
import { DatasetRevisionRepository, type SkippedItem } from './dataset-revision.repository.js';
import { DATASET_REVISIONS } from './dataset-revisions.js';
import { REVISION_OPERATION, RevisionItems } from './revision-items.js';
import { datasetActorName, LEGACY_SEED_ACTOR } from './revision-item-rule.js';
import { RevisionSources } from './revision-sources.js';

const ORGANIZATIONS: OrganizationFacts[] = [{ acronym: 'EU', name: 'European Union', aliases: [] }];

/** Two instances starting together must not both apply a revision. */
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('coalition-registry:seed'))`;

/**
 * Loads the registry's reference data and the dataset the project ships. Every ISO country is
 * refreshed on each run (a package update reaches the data). Then every revision of the dataset the
 * database has not received yet is applied, in order, one transaction each, through the ledgers and
 * audited as `dataset:r<N>`: an empty database gets them all, a running registry the new ones. An
 * item never overwrites what an admin recorded (revision-item-rule.ts): it is skipped, logged and
 * kept in the revision's record.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly writes: AuditedWriteService,
    private readonly audit: AuditService,
    private readonly participants: ParticipantsService,
    private readonly sources: SourcesService,
    private readonly items: RevisionItems,
    private readonly revisions: DatasetRevisionRepository,
  ) {}

  async run(series: readonly DatasetRevision[] = DATASET_REVISIONS): Promise<void> {
    await this.writes.run(systemActor(LEGACY_SEED_ACTOR), async (tx) => {
      await tx.manager.query(LOCK);
      await this.participants.refreshCountries(tx.manager);
      for (const organization of ORGANIZATIONS) await this.participants.ensureOrganization(tx.manager, organization);
    });
    // Most starts have nothing to apply: one read says so, without a transaction per revision.
    const held = await this.revisions.latest();
    for (const revision of series) if (revision.revision > held) await this.apply(revision, series);
  }

  /** The highest revision of the dataset this database has received (0 before the first). */
  datasetRevision(): Promise<number> {
    return this.revisions.latest();
  }

  private async apply(revision: DatasetRevision, series: readonly DatasetRevision[]): Promise<void> {
    const skipped: SkippedItem[] = [];
    const applied = await this.writes.run(systemActor(datasetActorName(revision.revision)), async (tx) => {
      await tx.manager.query(LOCK);
      const held = await this.revisions.latest(tx.manager);
      if (held >= revision.revision) return null;
      if (held !== revision.revision - 1) {
        throw new Error(`Dataset revision ${revision.revision} needs revision ${revision.revision - 1} first`);
      }
      const report = (item: string, decision: { isConflict: boolean; reason: string }) => {
        skipped.push({ item, reason: decision.reason });
        const line = { msg: 'dataset revision item skipped', revision: revision.revision, item, ...decision };
        if (decision.isConflict) this.logger.warn(line);
        else this.logger.log(line);
      };
      const sources = new RevisionSources(
        tx.manager,
        sourcesUpTo(series, revision.revision),
        { sources: this.sources, audit: this.audit },
        report,
      );
      let count = 0;
      for (const item of revision.items) if (await this.items.apply(tx, item, sources, report)) count += 1;
      await this.revisions.record(tx.manager, {
        revision: revision.revision,
        appliedItems: count,
        skippedItems: skipped,
      });
      // The revision itself in the audit log: what it brought and what it left alone.
      await tx.recordChange({
        operation: REVISION_OPERATION,
        before: { datasetRevision: held },
        after: { datasetRevision: revision.revision, appliedItems: count, skippedItems: skipped },
        // Each item it applied named its own record through its ledger.
        subject: null,
      });
      return count;
    });
    if (applied === null) return;
    this.logger.log({
      msg: `Applied dataset revision ${revision.revision}`,
      revision: revision.revision,
      appliedItems: applied,
      skippedItems: skipped.length,
    });
  }
}

/** Every source a revision may cite: its own and those of the revisions before it. */
function sourcesUpTo(series: readonly DatasetRevision[], revision: number): Record<string, SourceSeed> {
  return Object.assign({}, ...series.filter((each) => each.revision <= revision).map((each) => each.sources));
}
