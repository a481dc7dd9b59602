import { Injectable, type OnModuleInit } from '@nestjs/common';
import { checkPageSize, MAX_PAGE_SIZE } from '../common/pagination.js';
import { groupInOrder, type RequestLoaders } from '../common/request-loaders.js';
import { MembershipPagesService } from '../memberships/membership-pages.service.js';
import type { Commitment } from './commitment.model.js';
import { CommitmentRepository, commitmentsJson } from './commitment.repository.js';

/** A membership's commitments when `first` is absent: a bound, so the query cost can count them. */
export const COMMITMENTS_WITHOUT_FIRST = 25;

@Injectable()
export class CommitmentsService implements OnModuleInit {
  constructor(
    private readonly commitments: CommitmentRepository,
    private readonly pages: MembershipPagesService,
  ) {}

  /** A page of memberships reads `commitments(first:)` in its own statement (as ofMembership would). */
  onModuleInit(): void {
    this.pages.embed({
      field: 'commitments',
      jsonSql: ({ args, subfields, namesUnder }) => {
        const first = args.first ?? COMMITMENTS_WITHOUT_FIRST;
        // An invalid bound is left to the resolver, which reports it.
        if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) return null;
        const json = commitmentsJson(subfields, namesUnder('sources'));
        return json && { sql: (membershipId, param) => json.sql(membershipId, param(first)), fromJson: json.fromJson };
      },
    });
  }

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
        const rows = await this.commitments.ofMemberships(ids, asOf, limit, withSources);
        return groupInOrder(ids, rows, (commitment) => commitment.membershipId);
      })
      .load(membershipId);
  }

  /** A commitment by id, retracted or not; null when none has it. Batched per request. */
  byId(loaders: RequestLoaders, id: string): Promise<Commitment | null> {
    return loaders
      .get<string, Commitment | null>('commitment', async (ids) => {
        const rows = await this.commitments.byIds(ids);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((commitmentId) => byId.get(commitmentId) ?? null);
      })
      .load(id);
  }
}
