import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRead } from '../database/prepared-read.js';
import { checkPageSize } from '../common/pagination.js';
import { groupInOrder, type RequestLoaders } from '../common/request-loaders.js';
import { sourcesJsonSql } from '../sources/sources.service.js';
import type { Commitment } from './commitment.model.js';

/** $1 membership ids, $2 asOf (or null), $3 how many each at most (or null): see ofMembership. */
const commitmentsOfMembershipsSql = (withSources: boolean) => `
           SELECT c.id, c.membership_id AS "membershipId", c.title, c.description, c.line_of_effort AS "lineOfEffort",
                  c.status, c.made_on AS "madeOn", c.is_attested AS "isAttested", c.note, c.version
                  ${withSources ? `, ${sourcesJsonSql('commitment', 'c.id')} AS sources` : ''}
             FROM unnest($1::uuid[]) WITH ORDINALITY AS asked(membership_id, position)
            CROSS JOIN LATERAL (
                  SELECT * FROM commitment
                   WHERE commitment.membership_id = asked.membership_id AND ($2::date IS NULL OR made_on <= $2::date)
                   ORDER BY made_on, title
                   LIMIT $3::int) AS c
            ORDER BY asked.position, c.made_on, c.title`;
const COMMITMENTS_OF_MEMBERSHIPS_SQL = {
  withSources: commitmentsOfMembershipsSql(true),
  withoutSources: commitmentsOfMembershipsSql(false),
};

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
    withSources = true,
  ): Promise<Commitment[]> {
    const limit = first === null ? null : checkPageSize(first, 100);
    const form = withSources ? 'withSources' : 'withoutSources';
    return loaders
      .get<string, Commitment[]>(`commitments:${asOf ?? 'now'}:${limit ?? 'all'}:${form}`, async (ids) => {
        // Per membership, read only the commitments kept (LIMIT inside the lateral join walks the
        // (membership_id, made_on) index and stops), then build sources for those alone. A window
        // function over all the commitments of the page joined back to the table made PostgreSQL
        // misjudge the rows and scan the whole table: 49 ms a page at a tenth of the bench scale.
        const rows: Commitment[] = await preparedRead(this.db, COMMITMENTS_OF_MEMBERSHIPS_SQL[form], [
          ids,
          asOf,
          limit,
        ]);
        return groupInOrder(ids, rows, (commitment) => commitment.membershipId);
      })
      .load(membershipId);
  }
}
