import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { checkPageSize } from '../common/pagination.js';
import { groupInOrder, type RequestLoaders } from '../common/request-loaders.js';
import { sourcesJsonSql } from '../sources/sources.service.js';
import type { Commitment } from './commitment.model.js';

@Injectable()
export class CommitmentsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * A membership's commitments with their sources, oldest first, at most `first` of them; on `asOf`,
   * only those made by then. One statement for all the memberships of a request.
   */
  ofMembership(
    loaders: RequestLoaders,
    membershipId: string,
    asOf: string | null,
    first: number | null,
  ): Promise<Commitment[]> {
    const limit = first === null ? null : checkPageSize(first, 100);
    return loaders
      .get<string, Commitment[]>(`commitments:${asOf ?? 'now'}:${limit ?? 'all'}`, async (ids) => {
        // Rank first, then build sources only for the commitments kept (a member may have dozens).
        const rows: Commitment[] = await this.db.query(
          `SELECT c.id, c.membership_id AS "membershipId", c.title, c.description, c.line_of_effort AS "lineOfEffort",
                  c.status, c.made_on AS "madeOn", c.is_attested AS "isAttested", c.note, c.version,
                  ${sourcesJsonSql('commitment', 'c.id')} AS sources
             FROM (SELECT id, row_number() OVER (PARTITION BY membership_id ORDER BY made_on, title) AS position
                     FROM commitment
                    WHERE membership_id = ANY($1::uuid[]) AND ($2::date IS NULL OR made_on <= $2::date)) AS ranked
             JOIN commitment c ON c.id = ranked.id
            WHERE $3::int IS NULL OR ranked.position <= $3::int
            ORDER BY c.membership_id, ranked.position`,
          [ids, asOf, limit],
        );
        return groupInOrder(ids, rows, (commitment) => commitment.membershipId);
      })
      .load(membershipId);
  }
}
