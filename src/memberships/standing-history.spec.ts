import { DatePrecision } from '../common/date-precision.js';
import { StandingHistoryBroken } from '../common/domain-errors.js';
import { MembershipStatus } from './membership-status.js';
import { refusal } from '../../test/support/refusal.js';
import {
  assertEventPrecision,
  replayStandingHistory,
  standingPeriods,
  type StandingEvent,
} from './standing-history.js';

const { INVITED, COMMITTED, DECLINED, WITHDRAWN } = MembershipStatus;

let next = 0;
const event = (status: MembershipStatus, effectiveOn: string, isAttested = false): StandingEvent => ({
  id: `e${++next}`,
  status,
  effectiveOn,
  precision: DatePrecision.DAY,
  isAttested,
});

function broken(events: StandingEvent[], argument?: string): StandingHistoryBroken {
  try {
    replayStandingHistory(events, argument);
  } catch (error) {
    if (error instanceof StandingHistoryBroken) return error;
    throw error;
  }
  throw new Error('expected the history to be refused');
}

describe('replaying a standing history', () => {
  it('ends in the last event and dates the latest invitation', () => {
    const history = [
      event(INVITED, '2024-01-01'),
      event(COMMITTED, '2024-02-01'),
      event(WITHDRAWN, '2024-03-01'),
      event(INVITED, '2024-04-01'),
      event(DECLINED, '2024-04-01'),
    ];
    expect(replayStandingHistory(history)).toEqual({
      status: DECLINED,
      statusSince: '2024-04-01',
      statusSincePrecision: DatePrecision.DAY,
      invitedOn: '2024-04-01',
    });
  });

  it('lets an attested status begin a history, with no invitation date', () => {
    expect(replayStandingHistory([event(COMMITTED, '2023-07-07', true)])).toMatchObject({
      status: COMMITTED,
      statusSince: '2023-07-07',
      invitedOn: null,
    });
  });

  it('keeps the precision of the event that set the status', () => {
    const month = { ...event(INVITED, '2024-05-01'), precision: DatePrecision.MONTH };
    expect(replayStandingHistory([month]).statusSincePrecision).toBe(DatePrecision.MONTH);
  });

  const refusals: Array<[string, StandingEvent[], number, RegExp]> = [
    ['an empty history', [], -1, /no standing event/],
    ['a first event that is neither an invitation nor attested', [event(COMMITTED, '2024-01-01')], 0, /begin/],
    [
      'a transition the state machine forbids',
      [event(INVITED, '2024-01-01'), event(WITHDRAWN, '2024-02-01')],
      1,
      /from INVITED to WITHDRAWN/,
    ],
    [
      'an event dated before the one it follows',
      [event(INVITED, '2024-03-01'), event(COMMITTED, '2024-02-01')],
      1,
      /would precede/,
    ],
    ['an event in the future', [event(INVITED, '2999-01-01')], 0, /future/],
  ];

  it.each(refusals)('refuses %s, naming the event', (_case, events, index, message) => {
    const error = broken(events, 'effectiveOn');
    expect(error.message).toMatch(message);
    expect(error.details.argument).toBe('effectiveOn');
    expect(error.details.event).toBe(index < 0 ? undefined : events[index]!.id);
    if (index >= 0) expect(error.message).toContain(events[index]!.id);
  });

  it('names the id when no field is given', () => {
    expect(broken([]).details.argument).toBe('id');
  });
});

describe("a membership event's precision", () => {
  it('may be a day or a month', () => {
    expect(() => assertEventPrecision(DatePrecision.DAY, 'effectiveOnPrecision')).not.toThrow();
    expect(() => assertEventPrecision(DatePrecision.MONTH, 'effectiveOnPrecision')).not.toThrow();
  });

  it('is refused as ON_OR_AFTER, naming the field', () => {
    const error = refusal(() => assertEventPrecision(DatePrecision.ON_OR_AFTER, 'effectiveOnPrecision'));
    expect(error.argument).toBe('effectiveOnPrecision');
    expect(error.message).toBe('effectiveOnPrecision must be DAY or MONTH for a membership event');
  });
});

describe('the periods of a standing history', () => {
  it('run from each event to the next one, the last to this day', () => {
    const history = [event(INVITED, '2024-01-01'), event(COMMITTED, '2024-02-01'), event(WITHDRAWN, '2024-05-01')];
    expect(standingPeriods(history)).toEqual([
      { status: INVITED, since: '2024-01-01', until: '2024-02-01' },
      { status: COMMITTED, since: '2024-02-01', until: '2024-05-01' },
      { status: WITHDRAWN, since: '2024-05-01', until: null },
    ]);
  });
});
