import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JsonTuple, type JsonField } from '../database/json-tuple.js';
import { preparedRead } from '../database/prepared-read.js';
import type { ParticipantKind } from '../participants/participant-kind.js';
import type { ParticipantEntity } from '../participants/participant.entity.js';
import { catalogRegion } from '../participants/country-catalog.js';
import { participantJson } from '../participants/participant-projection.js';
import type { MembershipStatus } from './membership-status.js';
import { membershipStateCte, STATE_COLUMNS, type MembershipRow } from './membership.repository.js';
import { MembershipOrderField, OrderDirection } from './membership.model.js';
import type { PlannedEmbed } from './membership-page-plan.js';

/** The SQL sort key of each ordering; the membership id breaks ties so every row has one place. */
const SORT_KEYS: Record<MembershipOrderField, { expression: string; type: string }> = {
  [MembershipOrderField.PARTICIPANT_NAME]: { expression: 'p.name', type: 'text' },
  [MembershipOrderField.PARTICIPANT_CODE]: { expression: 'p.code', type: 'text' },
  [MembershipOrderField.STATUS_SINCE]: { expression: 'state.status_since', type: 'date' },
  [MembershipOrderField.STATUS]: { expression: 'state.status', type: 'text' },
};

/**
 * The columns of a page row (MembershipRow) each Membership field needs, as toMembership maps them;
 * `id` is always read (the cursor, the embedded fields and every relation's resolver key on it). A
 * field not listed (one another module adds with a resolver of its own) has the page read them all.
 */
const COLUMNS_OF_FIELD: Readonly<Record<string, readonly string[]>> = {
  id: [],
  __typename: [],
  invited: [],
  asOf: [],
  history: [],
  commitments: [],
  status: ['status'],
  isParticipating: ['status'],
  invitedOn: ['invited_on'],
  statusSince: ['status_since'],
  statusSincePrecision: ['status_since_precision'],
  role: ['role'],
  note: ['note'],
  version: ['version'],
  coalition: ['coalition_id'],
  participant: ['participant_id'],
};
const ALL_COLUMNS = STATE_COLUMNS.split(',').map((column) => column.trim().replace('state.', ''));

/** The JSON fields of a page row's membership columns, for the fields asked. */
function membershipFields(fields: ReadonlySet<string>): JsonField[] {
  const isEveryFieldKnown = [...fields].every((field) => field in COLUMNS_OF_FIELD);
  const needed = new Set(['id', ...[...fields].flatMap((field) => COLUMNS_OF_FIELD[field] ?? [])]);
  // In the table's column order, so one selection is always one statement text.
  return ALL_COLUMNS.filter((column) => !isEveryFieldKnown || needed.has(column)).map((column) => ({
    key: column,
    sql: `limited.${column}`,
  }));
}

/**
 * A membership of a page (only the columns its query needs), its participant (the entity fields
 * asked, null when none is), and the embedded fields `e0`, `e1`...
 */
export type PageRow = MembershipRow & { sort_key: string; participant: ParticipantEntity | null } & Record<
    string,
    unknown
  >;

/** What each row of a page carries besides its id: see membership-page-plan.ts. */
export interface PageColumns {
  membershipFields: ReadonlySet<string>;
  participantFields: ReadonlySet<string>;
  embeds: ReadonlyArray<NonNullable<PlannedEmbed['sql']>>;
}

export interface PageQuery {
  coalitionId: string;
  asOf: string | null;
  status?: MembershipStatus[] | null;
  kind?: ParticipantKind | null;
  /** Trimmed; compared in any case. */
  region?: string | null;
  field: MembershipOrderField;
  direction: OrderDirection;
  /** The sort key and id of the last row of the previous page. */
  after?: { key: string; id: string } | null;
  /** Rows to read (a page's size plus one, to know whether another page follows). */
  limit: number;
}

/** A page of a coalition's memberships, the participants joined (to filter and sort, and read with it). */
@Injectable()
export class MembershipPagesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The page (and its total when needed) in one statement whose single row carries the page as JSON:
   * one round trip, and one JSON.parse instead of pg's parsing of every column of every row. Each of
   * `columns.embeds` adds a column `e0`, `e1`... to every row: a field's value read with the page (see
   * membership-page-plan.ts), computed for the page's rows alone.
   */
  async page(
    query: PageQuery,
    isTotalNeeded: boolean,
    columns: PageColumns,
  ): Promise<{ rows: PageRow[]; total: number }> {
    const sortKey = SORT_KEYS[query.field];
    const params: unknown[] = [query.coalitionId, query.asOf];
    const filters: string[] = [];
    // One status as a plain equality and the bound as a literal (PostGraphile's way): with `= ANY`
    // and `LIMIT $n`, PostgreSQL's generic plan walked the coalition in date order and joined every
    // participant to each membership, about twice the work of filtering first and sorting the few left.
    if (query.status && query.status.length === 1) {
      params.push(query.status[0]);
      filters.push(`state.status = $${params.length}`);
    } else if (query.status && query.status.length > 1) {
      params.push(query.status);
      filters.push(`state.status = ANY($${params.length}::text[])`);
    }
    if (query.kind) {
      params.push(query.kind);
      filters.push(`p.kind = $${params.length}`);
    }
    if (query.region != null) {
      // A region of the catalog is compared as stored; any other text as before, in any case.
      const known = catalogRegion(query.region);
      params.push(known ?? query.region);
      filters.push(known !== null ? `p.region = $${params.length}` : `lower(p.region) = lower($${params.length})`);
    }
    const isAsOf = query.asOf !== null;
    const participant = columns.participantFields.size > 0 ? participantJson('p', columns.participantFields) : null;
    const from = `WITH ${membershipStateCte(isAsOf)}
      SELECT ${STATE_COLUMNS}, ${sortKey.expression}::text AS sort_key, ${sortKey.expression} AS sort_value,
             ${participant?.sql ?? 'NULL::json'} AS participant
        FROM state JOIN participant p ON p.id = state.participant_id`;
    const where = (extra: string[]) => (extra.length ? `WHERE ${extra.join(' AND ')}` : '');

    const pageFilters = [...filters];
    // Counting a large roster costs as much as the page itself: only when asked for.
    const total = isTotalNeeded
      ? `(WITH ${membershipStateCte(isAsOf)}
          SELECT count(*)::int FROM state JOIN participant p ON p.id = state.participant_id ${where(filters)})`
      : '0';
    if (query.after) {
      params.push(query.after.key, query.after.id);
      const comparison = query.direction === OrderDirection.ASC ? '>' : '<';
      pageFilters.push(
        `(${sortKey.expression}, state.id) ${comparison} ($${params.length - 1}::${sortKey.type}, $${params.length}::uuid)`,
      );
    }
    if (!Number.isInteger(query.limit) || query.limit < 1) throw new Error(`a page's limit must be a positive integer`);
    const order = `ORDER BY ${sortKey.expression} ${query.direction}, state.id ${query.direction}`;
    const limited = `${from} ${where(pageFilters)} ${order} LIMIT ${query.limit}`;
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // Each row is a tuple of what the page uses (json-tuple.ts): the sort value is not in it.
    const row = new JsonTuple([
      ...membershipFields(columns.membershipFields),
      { key: 'sort_key', sql: 'limited.sort_key' },
      { key: 'participant', sql: 'limited.participant', read: (value) => participant?.read(value) ?? null },
      ...columns.embeds.map((sql, index) => ({ key: `e${index}`, sql: sql('limited.id', param) })),
    ]);
    const sql = `SELECT ${total} AS total,
      (SELECT coalesce(json_agg(${row.sql} ORDER BY limited.sort_value ${query.direction}, limited.id ${query.direction}),
                       '[]'::json)
         FROM (${limited}) AS limited) AS rows`;
    const [result] = await preparedRead<{ total: number; rows: unknown }>(this.db, sql, params);
    const rows = row.readList(result?.rows) as PageRow[];
    return { rows, total: result?.total ?? 0 };
  }
}
