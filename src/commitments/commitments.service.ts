import { Injectable } from '@nestjs/common';
import { checkPageSize } from '../common/pagination.js';
import { groupInOrder, type RequestLoaders } from '../common/request-loaders.js';
import type { Commitment } from './commitment.model.js';
import { CommitmentRepository } from './commitment.repository.js';

@Injectable()
export class CommitmentsService {
  constructor(private readonly commitments: CommitmentRepository) {}

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
