import { registerEnumType } from '@nestjs/graphql';
import { TransitionNotAllowed } from '../common/domain-errors.js';

export enum CommitmentStatus {
  PLEDGED = 'PLEDGED',
  IN_PROGRESS = 'IN_PROGRESS',
  FULFILLED = 'FULFILLED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(CommitmentStatus, {
  name: 'CommitmentStatus',
  description:
    'How far a commitment has come. PLEDGED may become IN_PROGRESS, FULFILLED or WITHDRAWN; IN_PROGRESS may become FULFILLED or WITHDRAWN; FULFILLED and WITHDRAWN are final.',
  valuesMap: {
    PLEDGED: { description: 'Undertaken, with no sign yet that work has begun.' },
    IN_PROGRESS: { description: 'A source shows the work under way.' },
    FULFILLED: { description: 'A source shows it done. Final.' },
    WITHDRAWN: { description: 'The member gave it up. Final.' },
  },
});

/**
 * How a commitment may progress: a pledge gets under way, is fulfilled, or is withdrawn.
 * FULFILLED and WITHDRAWN are final. The one place this rule lives.
 */
const ALLOWED_NEXT: Record<CommitmentStatus, readonly CommitmentStatus[]> = {
  [CommitmentStatus.PLEDGED]: [CommitmentStatus.IN_PROGRESS, CommitmentStatus.FULFILLED, CommitmentStatus.WITHDRAWN],
  [CommitmentStatus.IN_PROGRESS]: [CommitmentStatus.FULFILLED, CommitmentStatus.WITHDRAWN],
  [CommitmentStatus.FULFILLED]: [],
  [CommitmentStatus.WITHDRAWN]: [],
};

export function assertCommitmentTransition(from: CommitmentStatus, to: CommitmentStatus): void {
  if (!ALLOWED_NEXT[from].includes(to)) {
    const allowed = ALLOWED_NEXT[from].length ? `it may go to ${ALLOWED_NEXT[from].join(' or ')}` : `${from} is final`;
    throw new TransitionNotAllowed(`A commitment cannot go from ${from} to ${to}; ${allowed}`, { from, to });
  }
}
