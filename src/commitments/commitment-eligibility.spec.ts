import { MembershipStatus } from '../memberships/membership-status.js';
import { assertMayCommit, isMadeWhileCommitted } from './commitment-eligibility.js';
import { refusal } from '../../test/support/refusal.js';

const committed = { status: MembershipStatus.COMMITTED, statusSince: '2023-07-07' };

describe('who may commit, and when', () => {
  it('lets a COMMITTED member commit on the day it became COMMITTED and after', () => {
    expect(() => assertMayCommit(committed, 'US', '2023-07-07')).not.toThrow();
    expect(() => assertMayCommit(committed, 'US', '2024-09-24')).not.toThrow();
  });

  it('refuses a madeOn before the member became COMMITTED, naming madeOn and both dates', () => {
    const error = refusal(() => assertMayCommit(committed, 'US', '2023-07-06'));
    expect(error.argument).toBe('madeOn');
    expect(error.message).toBe('madeOn (2023-07-06) cannot precede the date US became COMMITTED (2023-07-07)');
  });

  it('refuses a madeOn in the future, naming madeOn', () => {
    expect(refusal(() => assertMayCommit(committed, 'US', '2999-01-01')).argument).toBe('madeOn');
  });

  it.each([
    [null, 'not a member'],
    [{ status: MembershipStatus.INVITED, statusSince: '2023-07-07' }, 'INVITED'],
    [{ status: MembershipStatus.WITHDRAWN, statusSince: '2024-01-01' }, 'WITHDRAWN'],
  ])('refuses a member that is not COMMITTED (%#), naming participant', (membership, said) => {
    const error = refusal(() => assertMayCommit(membership, 'CN', '2024-01-01'));
    expect(error.argument).toBe('participant');
    expect(error.message).toContain(`CN is ${said}`);
  });
});

describe('a standing commitment under a corrected membership history', () => {
  const { INVITED, COMMITTED, WITHDRAWN } = MembershipStatus;
  const periods = [
    { status: INVITED, since: '2024-01-10', until: '2024-02-01' },
    { status: COMMITTED, since: '2024-02-01', until: '2024-05-01' },
    { status: WITHDRAWN, since: '2024-05-01', until: null },
  ];

  it('holds when made in a COMMITTED period, its first and last day included', () => {
    expect(isMadeWhileCommitted('2024-02-01', periods)).toBe(true);
    expect(isMadeWhileCommitted('2024-03-15', periods)).toBe(true);
    expect(isMadeWhileCommitted('2024-05-01', periods)).toBe(true);
  });

  it('fails when made before the member became COMMITTED, or after it left', () => {
    expect(isMadeWhileCommitted('2024-01-31', periods)).toBe(false);
    expect(isMadeWhileCommitted('2024-05-02', periods)).toBe(false);
  });

  it('fails when no period is COMMITTED', () => {
    expect(isMadeWhileCommitted('2024-03-15', [{ status: INVITED, since: '2024-01-10', until: null }])).toBe(false);
  });

  it('holds to this day in a COMMITTED period still open', () => {
    expect(isMadeWhileCommitted('2025-01-01', [{ status: COMMITTED, since: '2024-02-01', until: null }])).toBe(true);
  });
});
