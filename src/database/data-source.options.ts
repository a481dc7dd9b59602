import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { CreateRegistrySchema1764380000000 } from '../../migrations/1764380000000-create-registry-schema.js';
import { AddApiKeysAuditAndIdempotency1764390000000 } from '../../migrations/1764390000000-add-api-keys-audit-and-idempotency.js';
import { IndexParticipantRegionFilter1764400000000 } from '../../migrations/1764400000000-index-participant-region-filter.js';
import { ExpireIdempotencyRecords1764410000000 } from '../../migrations/1764410000000-expire-idempotency-records.js';
import { ApiKeyEntity } from '../auth/api-key.entity.js';
import { AuditEntryEntity } from '../audit/audit-entry.entity.js';
import { CoalitionEventEntity } from '../coalitions/coalition-event.entity.js';
import { CoalitionEntity } from '../coalitions/coalition.entity.js';
import { EngagementEntity } from '../coalitions/engagement.entity.js';
import { LineOfEffortEntity } from '../coalitions/line-of-effort.entity.js';
import { ReportedFigureEntity } from '../coalitions/reported-figure.entity.js';
import { CommitmentEntity } from '../commitments/commitment.entity.js';
import type { DatabaseTimeouts } from '../config/app-config.js';
import { MembershipEventEntity } from '../memberships/membership-event.entity.js';
import { MembershipEntity } from '../memberships/membership.entity.js';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { CitationEntity } from '../sources/citation.entity.js';
import { SourceEntity } from '../sources/source.entity.js';

// A SQL `date` is a calendar date: keep it as 'YYYY-MM-DD' instead of a JS Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

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

/** Listed, not globbed: explicit under ESM and the same for the app, the CLI and the tests. */
export const MIGRATIONS = [
  CreateRegistrySchema1764380000000,
  AddApiKeysAuditAndIdempotency1764390000000,
  IndexParticipantRegionFilter1764400000000,
  ExpireIdempotencyRecords1764410000000,
];

const DEFAULT_TIMEOUTS: DatabaseTimeouts = { connectTimeoutMs: 3000, statementTimeoutMs: 5000, poolSize: 10 };

/** The one description of how to reach the database, shared by the app, the CLIs and the tests. */
export function dataSourceOptions(url: string, timeouts: DatabaseTimeouts = DEFAULT_TIMEOUTS): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    poolSize: timeouts.poolSize,
    connectTimeoutMS: timeouts.connectTimeoutMs,
    extra: {
      statement_timeout: timeouts.statementTimeoutMs,
      query_timeout: timeouts.statementTimeoutMs + 1000,
      idleTimeoutMillis: 30_000,
      application_name: 'coalition-registry',
    },
  };
}
