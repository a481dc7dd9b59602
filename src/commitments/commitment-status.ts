import { registerEnumType } from '@nestjs/graphql';

export enum CommitmentStatus {
  PLEDGED = 'PLEDGED',
  IN_PROGRESS = 'IN_PROGRESS',
  FULFILLED = 'FULFILLED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(CommitmentStatus, { name: 'CommitmentStatus' });
