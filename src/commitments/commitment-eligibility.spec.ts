import { MembershipStatus } from '../memberships/membership-status.js';
import { assertMayCommit } from './commitment-eligibility.js';
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
