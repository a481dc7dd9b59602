import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { groupInOrder, type RequestLoaders } from '../common/request-loaders.js';
import { CommitmentEntity } from './commitment.entity.js';

@Injectable()
export class CommitmentsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A membership's commitments, oldest first; on `asOf`, only those made by then. Batched per request. */
  ofMembership(loaders: RequestLoaders, membershipId: string, asOf: string | null): Promise<CommitmentEntity[]> {
    return loaders
      .get<string, CommitmentEntity[]>(`commitments:${asOf ?? 'now'}`, async (ids) => {
        const query = this.db
          .getRepository(CommitmentEntity)
          .createQueryBuilder('c')
          .where('c.membership_id = ANY(:ids)', { ids })
          .orderBy('c.made_on', 'ASC')
          .addOrderBy('c.title', 'ASC');
        if (asOf) query.andWhere('c.made_on <= :asOf', { asOf });
        return groupInOrder(ids, await query.getMany(), (commitment) => commitment.membershipId);
      })
      .load(membershipId);
  }
}
