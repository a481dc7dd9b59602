import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRead } from '../database/prepared-read.js';
import { InvalidInput } from '../common/domain-errors.js';
import { checkPageSize, decodeCursor, encodeCursor, toConnection, type Connection } from '../common/pagination.js';
import type { RequestLoaders } from '../common/request-loaders.js';
import { ParticipantKind } from '../participants/participant-kind.js';
import { participantColumns, participantFromRow, ParticipantsService } from '../participants/participants.service.js';
import { MembershipStatus } from './membership-status.js';
import { membershipStateCte, STATE_COLUMNS, toMembership, type MembershipStateRow } from './membership-state.sql.js';
import { MembershipOrderField, OrderDirection, type Membership, type MembershipOrder } from './membership.model.js';

export interface MembershipPageRequest {
  coalitionId: string;
  status?: MembershipStatus[] | null;
  kind?: ParticipantKind | null;
  region?: string | null;
  first?: number;
  after?: string | null;
  orderBy?: MembershipOrder | null;
  asOf?: string | null;
  /** False when the caller did not ask for totalCount: the count query is then skipped. */
  isTotalNeeded?: boolean;
}

/** The SQL sort key of each ordering; the membership id breaks ties so every row has one place. */
const SORT_KEYS: Record<MembershipOrderField, { expression: string; type: string }> = {
  [MembershipOrderField.PARTICIPANT_NAME]: { expression: 'p.name', type: 'text' },
  [MembershipOrderField.PARTICIPANT_CODE]: { expression: 'p.code', type: 'text' },
  [MembershipOrderField.STATUS_SINCE]: { expression: 'state.status_since', type: 'date' },
  [MembershipOrderField.STATUS]: { expression: 'state.status', type: 'text' },
};

type PageRow = MembershipStateRow & { sort_key: string } & Record<string, unknown>;
const PARTICIPANT_PREFIX = 'participant.';

@Injectable()
export class MembershipPagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly participants: ParticipantsService,
  ) {}

  /**
   * A Relay page of a coalition's memberships, filtered and ordered, with keyset cursors. The page
   * query joins the participants anyway (to filter and sort), so it reads them too and hands them to
   * the request's participant loader: a page's participants cost no statement of their own.
   */
  async page(request: MembershipPageRequest, loaders: RequestLoaders): Promise<Connection<Membership>> {
    const size = checkPageSize(request.first, 50);
    const field = request.orderBy?.field ?? MembershipOrderField.PARTICIPANT_NAME;
    const direction = request.orderBy?.direction ?? OrderDirection.ASC;
    const sortKey = SORT_KEYS[field];
    const cursorKind = `membership:${field}:${direction}`;
    const asOf = request.asOf ?? null;

    const params: unknown[] = [request.coalitionId, asOf];
    const filters: string[] = [];
    if (request.status && request.status.length > 0) {
      params.push(request.status);
      filters.push(`state.status = ANY($${params.length}::text[])`);
    }
    if (request.kind) {
      params.push(request.kind);
      filters.push(`p.kind = $${params.length}`);
    }
    if (request.region != null) {
      if (request.region.length > 100) throw new InvalidInput('region', 'region must be at most 100 characters');
      params.push(request.region.trim());
      filters.push(`lower(p.region) = lower($${params.length})`);
    }
    const from = `WITH ${membershipStateCte(asOf !== null)}
      SELECT ${STATE_COLUMNS}, ${sortKey.expression}::text AS sort_key, ${participantColumns('p', PARTICIPANT_PREFIX)}
        FROM state JOIN participant p ON p.id = state.participant_id`;
    const where = (extra: string[]) => (extra.length ? `WHERE ${extra.join(' AND ')}` : '');

    const countParams = [...params];
    const pageFilters = [...filters];
    if (request.after) {
      const [key, id] = decodeCursor(request.after, cursorKind, 2);
      if (key === null || id === null || !/^[0-9a-f-]{36}$/.test(id)) {
        throw new InvalidInput('after', 'after is not a cursor this list handed out');
      }
      params.push(key, id);
      const comparison = direction === OrderDirection.ASC ? '>' : '<';
      pageFilters.push(
        `(${sortKey.expression}, state.id) ${comparison} ($${params.length - 1}::${sortKey.type}, $${params.length}::uuid)`,
      );
    }
    params.push(size + 1);
    const order = `ORDER BY ${sortKey.expression} ${direction}, state.id ${direction}`;
    const countSql = `WITH ${membershipStateCte(asOf !== null)}
      SELECT count(*)::int AS total FROM state JOIN participant p ON p.id = state.participant_id ${where(filters)}`;
    const [rows, total] = await Promise.all([
      preparedRead(this.db, `${from} ${where(pageFilters)} ${order} LIMIT $${params.length}`, params) as Promise<
        PageRow[]
      >,
      // Counting a large roster costs as much as the page itself: only when asked for.
      request.isTotalNeeded === false
        ? Promise.resolve(0)
        : (preparedRead(this.db, countSql, countParams) as Promise<Array<{ total: number }>>).then(
            (counted) => counted[0]?.total ?? 0,
          ),
    ]);
    this.participants.prime(
      loaders,
      rows.map((row) => participantFromRow(row, PARTICIPANT_PREFIX)),
    );
    return toConnection(
      rows,
      size,
      total,
      Boolean(request.after),
      (row) => encodeCursor(cursorKind, [row.sort_key, row.id]),
      (row) => toMembership(row, asOf),
    );
  }
}
