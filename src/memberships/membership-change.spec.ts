import { NotFound, TransitionNotAllowed, VersionConflict, InvalidInput } from '../common/domain-errors.js';
import { DatePrecision } from '../common/date-precision.js';
import { planMembershipChange, type MembershipChange } from './membership-change.js';
import { MembershipStatus } from './membership-status.js';
import type { MembershipRow } from './membership.repository.js';

const { INVITED, COMMITTED, DECLINED } = MembershipStatus;

const invited: MembershipRow = {
  id: 'm1',
  coalition_id: 'c1',
  participant_id: 'p1',
  status: INVITED,
  status_since: '2024-01-10',
  status_since_precision: DatePrecision.DAY,
  invited_on: '2024-01-10',
  role: null,
  note: 'first note',
  version: 3,
};

const change = (overrides: Partial<MembershipChange>): MembershipChange => ({
  coalitionId: 'c1',
  participantId: 'p1',
  names: { coalition: 'c-slug', participant: 'WS' },
  status: COMMITTED,
  effectiveOn: '2024-02-01',
  dateField: 'effectiveOn',
  ifAbsent: 'refuse',
  sources: [],
  operation: 'test',
  ...overrides,
});

describe('planMembershipChange: the rules of one change', () => {
  it('creates an INVITED membership for an invitation, dated by it', () => {
    const plan = planMembershipChange(null, change({ status: INVITED, ifAbsent: 'create', note: 'n' }));
    expect(plan).toEqual({
      kind: 'create',
      values: expect.objectContaining({
        status: INVITED,
        status_since: '2024-02-01',
        invited_on: '2024-02-01',
        note: 'n',
      }),
    });
  });

  it('creates an attested membership in any status, without inventing an invitation date', () => {
    const plan = planMembershipChange(null, change({ ifAbsent: 'create', isAttested: true, role: 'host' }));
    expect(plan).toEqual({
      kind: 'create',
      values: expect.objectContaining({ status: COMMITTED, invited_on: null, role: 'host' }),
    });
  });

  it('refuses to start a membership anywhere but INVITED unless a source attests it', () => {
    expect(() => planMembershipChange(null, change({ ifAbsent: 'create' }))).toThrow(TransitionNotAllowed);
  });

  it('refuses a status change of a membership that does not exist, naming both', () => {
    expect(() => planMembershipChange(null, change({}))).toThrow(
      new NotFound('WS has no membership of c-slug; record an invitation first'),
    );
  });

  it('is a CONFLICT at another version than expected, saying the current one', () => {
    const error = (() => {
      try {
        planMembershipChange(invited, change({ expectedVersion: 2 }));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(VersionConflict);
    expect((error as VersionConflict).details).toEqual({ currentVersion: 3 });
  });

  it('moves along the state machine, keeping the membership note when only the event has one', () => {
    expect(planMembershipChange(invited, change({ expectedVersion: 3, note: 'event only' }))).toEqual({
      kind: 'update',
      values: expect.objectContaining({
        status: COMMITTED,
        status_since: '2024-02-01',
        note: 'first note',
        invited_on: '2024-01-10',
      }),
    });
  });

  it('refuses a transition the state machine forbids', () => {
    expect(() => planMembershipChange({ ...invited, status: DECLINED }, change({}))).toThrow(TransitionNotAllowed);
  });

  it('refuses a date before the current status, naming the date field', () => {
    expect(() => planMembershipChange(invited, change({ effectiveOn: '2024-01-09', dateField: 'date' }))).toThrow(
      new InvalidInput('date', 'date (2024-01-09) cannot precede the previous event, dated 2024-01-10'),
    );
  });

  it('takes the same status as no change when asked to (the import), and refuses it otherwise', () => {
    expect(planMembershipChange(invited, change({ status: INVITED, ifSameStatus: 'unchanged' }))).toEqual({
      kind: 'unchanged',
    });
    expect(() => planMembershipChange(invited, change({ status: INVITED }))).toThrow(TransitionNotAllowed);
  });

  it('dates a re-invitation and lets an invitation replace the membership note', () => {
    const declined = { ...invited, status: DECLINED, status_since: '2024-03-01' };
    const plan = planMembershipChange(
      declined,
      change({ status: INVITED, effectiveOn: '2024-04-01', note: 'again', replacesMembershipNote: true }),
    );
    expect(plan).toEqual({
      kind: 'update',
      values: expect.objectContaining({ invited_on: '2024-04-01', note: 'again' }),
    });
  });
});
