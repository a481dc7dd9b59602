import { TransitionNotAllowed } from '../common/domain-errors.js';
import { assertCommitmentTransition, CommitmentStatus } from './commitment-status.js';

const { PLEDGED, IN_PROGRESS, FULFILLED, WITHDRAWN } = CommitmentStatus;

describe('commitment status transitions', () => {
  it.each([
    [PLEDGED, IN_PROGRESS],
    [PLEDGED, FULFILLED],
    [PLEDGED, WITHDRAWN],
    [IN_PROGRESS, FULFILLED],
    [IN_PROGRESS, WITHDRAWN],
  ])('%s -> %s is allowed', (from, to) => {
    expect(() => assertCommitmentTransition(from, to)).not.toThrow();
  });

  it.each([
    [PLEDGED, PLEDGED],
    [IN_PROGRESS, PLEDGED],
    [FULFILLED, IN_PROGRESS],
    [FULFILLED, WITHDRAWN],
    [WITHDRAWN, PLEDGED],
  ])('%s -> %s is refused', (from, to) => {
    expect(() => assertCommitmentTransition(from, to)).toThrow(TransitionNotAllowed);
    expect(() => assertCommitmentTransition(from, to)).toThrow(new RegExp(`from ${from} to ${to}`));
  });
});
