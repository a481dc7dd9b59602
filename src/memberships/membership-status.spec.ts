import { TransitionNotAllowed } from '../common/domain-errors.js';
import { assertTransition, canTransition, isParticipating, MembershipStatus } from './membership-status.js';

const { INVITED, COMMITTED, DECLINED, WITHDRAWN } = MembershipStatus;

describe('membership status transitions', () => {
  const allowed: Array<[MembershipStatus, MembershipStatus]> = [
    [INVITED, COMMITTED],
    [INVITED, DECLINED],
    [COMMITTED, WITHDRAWN],
    [DECLINED, INVITED],
    [WITHDRAWN, INVITED],
  ];
  const statuses = Object.values(MembershipStatus);
  const forbidden = statuses
    .flatMap((from) => statuses.map((to) => [from, to] as [MembershipStatus, MembershipStatus]))
    .filter(([from, to]) => !allowed.some(([a, b]) => a === from && b === to));

  it.each(allowed)('%s -> %s is allowed', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(forbidden)('%s -> %s is refused with a message naming both states', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => assertTransition(from, to)).toThrow(TransitionNotAllowed);
    expect(() => assertTransition(from, to)).toThrow(new RegExp(`from ${from} to ${to}`));
  });

  it('counts only a committed member as participating', () => {
    expect(statuses.filter(isParticipating)).toEqual([COMMITTED]);
  });
});
