import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRead } from '../database/prepared-read.js';
import { JsonTuple, type JsonTable } from '../database/json-tuple.js';
import { citedFactJsonFields, citedSourcesJson } from '../sources/cited-sources.subquery.js';
import type { Commitment } from './commitment.model.js';

/** The commitment's columns, each named as its field (one row shape: `Commitment`). */
export const COMMITMENT_COLUMNS = `c.id, c.membership_id AS "membershipId", c.title, c.line_of_effort AS "lineOfEffort",
  c.status, c.made_on AS "madeOn", c.is_attested AS "isAttested", c.note, c.version,
  c.retracted_at AS "retractedAt", c.retracted_by AS "retractedBy", c.retraction_reason AS "retractionReason",
  c.description`;

/**
 * $1 membership ids, $2 asOf (or null), $3 how many each at most (or null): see CommitmentsService.
 * A retracted commitment is not listed (it stays readable by id).
 */
const commitmentsOfMembershipsSql = (withSources: boolean) => `
           SELECT ${COMMITMENT_COLUMNS}
                  ${withSources ? `, ${citedSourcesJson('commitment', 'c.id')} AS sources` : ''}
             FROM unnest($1::uuid[]) WITH ORDINALITY AS asked(membership_id, position)
            CROSS JOIN LATERAL (
                  SELECT * FROM commitment
                   WHERE commitment.membership_id = asked.membership_id AND commitment.retracted_at IS NULL
                     AND ($2::date IS NULL OR made_on <= $2::date)
                   ORDER BY made_on, title
                   LIMIT $3::int) AS c
            ORDER BY asked.position, c.made_on, c.title`;
const COMMITMENTS_OF_MEMBERSHIPS_SQL = {
  withSources: commitmentsOfMembershipsSql(true),
  withoutSources: commitmentsOfMembershipsSql(false),
};

/**
 * What a page reads of each Commitment field it embeds, as JSON fields named like the field (or the
 * columns the field's resolver reads). Only the fields the query selects: a page's commitments
 * carried every column, three quarters of them unasked (README, "The uncached engine").
 */
const COMMITMENT_JSON: JsonTable = {
  id: { id: 'c.id' },
  __typename: {},
  title: { title: 'c.title' },
  description: { description: 'c.description' },
  lineOfEffort: { lineOfEffort: 'c.line_of_effort' },
  status: { status: 'c.status' },
  madeOn: { madeOn: 'c.made_on' },
  isAttested: { isAttested: 'c.is_attested' },
  note: { note: 'c.note' },
  version: { version: 'c.version' },
  retraction: {
    retractedAt: 'c.retracted_at',
    retractedBy: 'c.retracted_by',
    retractionReason: 'c.retraction_reason',
  },
  membership: { membershipId: 'c.membership_id' },
};

/** The SQL of a page's embedded commitments and how its JSON becomes the resolver's value. */
export interface PageCommitments {
  /** `limit` is the placeholder of the bound; $2 the asOf. */
  sql(membershipId: string, limit: string): string;
  fromJson(json: unknown): Commitment[];
}

/**
 * What a page of memberships embeds (see memberships/membership-page-plan.ts): the SQL of the
 * commitments of the membership whose id is the SQL `membershipId`, as a JSON array of tuples
 * (json-tuple.ts) of the `fields` asked (of their sources, the `sourceFields`), in the order and
 * under the rules of commitmentsOfMembershipsSql. Null when a field is not one this projection
 * knows, so that the resolver answers it instead.
 */
export function commitmentsJson(
  fields: ReadonlySet<string>,
  sourceFields: ReadonlySet<string>,
): PageCommitments | null {
  const commitmentFields = citedFactJsonFields('commitment', 'c.id', COMMITMENT_JSON, fields, sourceFields);
  if (commitmentFields === null) return null;
  const commitment = new JsonTuple(commitmentFields);
  return {
    sql: (membershipId, limit) =>
      `(SELECT coalesce(json_agg(${commitment.sql} ORDER BY c.made_on, c.title), '[]'::json)
          FROM (SELECT * FROM commitment c
                 WHERE c.membership_id = ${membershipId} AND c.retracted_at IS NULL
                   AND ($2::date IS NULL OR c.made_on <= $2::date)
                 ORDER BY c.made_on, c.title
                 LIMIT ${limit}::int) AS c)`,
    fromJson: (json) => commitment.readList(json) as unknown as Commitment[],
  };
}

const BY_IDS_SQL = `SELECT ${COMMITMENT_COLUMNS} FROM commitment c WHERE c.id = ANY($1::uuid[])`;

/** The reads of `commitment`; its writes are in commitment-ledger.repository.ts (only the ledger imports it). */
@Injectable()
export class CommitmentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Per membership, only the commitments kept (LIMIT inside the lateral join walks the
   * (membership_id, made_on) index and stops), then sources for those alone. A window function over
   * all the commitments of the page joined back to the table made PostgreSQL misjudge the rows and
   * scan the whole table: 49 ms a page at a tenth of the bench scale.
   */
  ofMemberships(
    membershipIds: readonly string[],
    asOf: string | null,
    limit: number | null,
    withSources: boolean,
  ): Promise<Commitment[]> {
    return preparedRead(this.db, COMMITMENTS_OF_MEMBERSHIPS_SQL[withSources ? 'withSources' : 'withoutSources'], [
      membershipIds,
      asOf,
      limit,
    ]);
  }

  /** Commitments by id, retracted or not. */
  byIds(ids: readonly string[]): Promise<Commitment[]> {
    return preparedRead(this.db, BY_IDS_SQL, [ids]);
  }
}
