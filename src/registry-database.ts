import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CreateRegistrySchema1764380000000 } from '../migrations/1764380000000-create-registry-schema.js';
import { AddApiKeysAuditAndIdempotency1764390000000 } from '../migrations/1764390000000-add-api-keys-audit-and-idempotency.js';
import { IndexParticipantRegionFilter1764400000000 } from '../migrations/1764400000000-index-participant-region-filter.js';
import { ExpireIdempotencyRecords1764410000000 } from '../migrations/1764410000000-expire-idempotency-records.js';
import { AllowSystemActorsInAuditLog1764420000000 } from '../migrations/1764420000000-allow-system-actors-in-audit-log.js';
import { RecordCorrectionsAndRetractions1764430000000 } from '../migrations/1764430000000-record-corrections-and-retractions.js';
import { MakeCoalitionFactsWritable1764440000000 } from '../migrations/1764440000000-make-coalition-facts-writable.js';
import { AddRegistryChangePosition1764445000000 } from '../migrations/1764445000000-add-registry-change-position.js';
import { TrackDatasetRevisions1764450000000 } from '../migrations/1764450000000-track-dataset-revisions.js';
import { AddSharedPersistedQueries1764470000000 } from '../migrations/1764470000000-add-shared-persisted-queries.js';
import { BoundPersistedQueriesAndTrackLastUse1764480000000 } from '../migrations/1764480000000-bound-persisted-queries-and-track-last-use.js';
import { IndexStandingFactsInReadingOrder1764490000000 } from '../migrations/1764490000000-index-standing-facts-in-reading-order.js';
import { ApiKeyEntity } from './auth/api-key.entity.js';
import { AuditEntryEntity } from './audit/audit-entry.entity.js';
import { CoalitionEventEntity } from './coalitions/coalition-event.entity.js';
import { CoalitionEntity } from './coalitions/coalition.entity.js';
import { EngagementEntity } from './coalitions/engagement.entity.js';
import { LineOfEffortEntity } from './coalitions/line-of-effort.entity.js';
import { ReportedFigureEntity } from './coalitions/reported-figure.entity.js';
import { CommitmentEntity } from './commitments/commitment.entity.js';
import type { DatabaseTimeouts } from './config/app-config.js';
import { withCliDatabase } from './database/cli-database.js';
import { dataSourceOptions, type DatabaseSchema } from './database/data-source.options.js';
import { migrate } from './database/migrate.js';
import { MembershipEventEntity } from './memberships/membership-event.entity.js';
import { MembershipEntity } from './memberships/membership.entity.js';
import { ParticipantEntity } from './participants/participant.entity.js';
import { SeedService } from './seed/seed.service.js';
import { CitationEntity } from './sources/citation.entity.js';
import { SourceEntity } from './sources/source.entity.js';

/**
 * The registry's database as the composition root sees it: every feature's entities and every
 * migration (listed, not globbed: explicit under ESM and the same for the app, the CLIs and the tests),
 * and the start-up that migrates and then seeds. `database/` itself knows none of the features.
 */
export const ENTITIES = [
  SourceEntity,
  CitationEntity,
  ParticipantEntity,
  CoalitionEntity,
  ReportedFigureEntity,
  CoalitionEventEntity,
  LineOfEffortEntity,
  EngagementEntity,
  MembershipEntity,
  MembershipEventEntity,
  CommitmentEntity,
  ApiKeyEntity,
  AuditEntryEntity,
];

export const MIGRATIONS = [
  CreateRegistrySchema1764380000000,
  AddApiKeysAuditAndIdempotency1764390000000,
  IndexParticipantRegionFilter1764400000000,
  ExpireIdempotencyRecords1764410000000,
  AllowSystemActorsInAuditLog1764420000000,
  RecordCorrectionsAndRetractions1764430000000,
  MakeCoalitionFactsWritable1764440000000,
  AddRegistryChangePosition1764445000000,
  TrackDatasetRevisions1764450000000,
  AddSharedPersistedQueries1764470000000,
  BoundPersistedQueriesAndTrackLastUse1764480000000,
  IndexStandingFactsInReadingOrder1764490000000,
];

export const REGISTRY_SCHEMA: DatabaseSchema = { entities: ENTITIES, migrations: MIGRATIONS };

export const registryDataSourceOptions = (url: string, timeouts?: DatabaseTimeouts) =>
  dataSourceOptions(url, REGISTRY_SCHEMA, timeouts);

/** Before the service takes traffic: pending migrations, then the dataset revisions not yet received (through the ledgers). */
export async function prepareRegistryDatabase(app: INestApplicationContext): Promise<void> {
  await migrate(app.get(DataSource));
  await app.get(SeedService).run();
}

/** The registry's database for a command-line tool (see withCliDatabase). */
export function withRegistryDatabase<T>(
  work: (dataSource: DataSource, url: string) => Promise<T>,
  options?: { isMigrating: boolean },
): Promise<T> {
  return withCliDatabase(REGISTRY_SCHEMA, work, options);
}
