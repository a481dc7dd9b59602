import { randomUUID } from 'node:crypto';
import type { ChangedRecords } from '../response-cache/registry-change-notice.js';
import { HELD_IDS_AT_MOST, HeldChanges } from './held-changes.js';

const notice = (position: number, changes: ChangedRecords[]) => ({
  id: randomUUID(),
  position,
  at: `2026-12-06T00:00:0${position}.000Z`,
  changes,
});

describe('changes held for delivery', () => {
  it('merge per coalition and kind: the ids of all, the last position and time, every kind kept', () => {
    const held = new HeldChanges();
    held.hold(notice(1, [{ coalitionId: 'c1', kind: 'MEMBERSHIP', ids: ['m1'] }]));
    held.hold(notice(2, [{ coalitionId: 'c1', kind: 'REPORTED_FIGURE', ids: ['f1'] }]));
    held.hold(
      notice(3, [
        { coalitionId: 'c1', kind: 'MEMBERSHIP', ids: ['m2', 'm1'] },
        { coalitionId: null, kind: 'SOURCE', ids: ['s1'] },
      ]),
    );
    expect(held.take()).toEqual([
      { coalitionId: 'c1', kind: 'REPORTED_FIGURE', ids: new Set(['f1']), position: 2, at: '2026-12-06T00:00:02.000Z' },
      {
        coalitionId: 'c1',
        kind: 'MEMBERSHIP',
        ids: new Set(['m1', 'm2']),
        position: 3,
        at: '2026-12-06T00:00:03.000Z',
      },
      { coalitionId: null, kind: 'SOURCE', ids: new Set(['s1']), position: 3, at: '2026-12-06T00:00:03.000Z' },
    ]);
    expect(held.isEmpty).toBe(true);
  });

  it('hold as many entries as coalitions and kinds, however many writes', () => {
    const held = new HeldChanges();
    for (let position = 1; position <= 1000; position += 1) {
      held.hold(notice(position, [{ coalitionId: 'c1', kind: 'COALITION_EVENT', ids: [`e${position % 50}`] }]));
    }
    const [only, ...rest] = held.take();
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ kind: 'COALITION_EVENT', position: 1000 });
    expect((only.ids as Set<string>).size).toBe(50);
  });

  it("say 'many' once a notice did, or the merged ids pass HELD_IDS_AT_MOST", () => {
    const held = new HeldChanges();
    held.hold(notice(1, [{ coalitionId: 'c1', kind: 'MEMBERSHIP', ids: 'many' }]));
    held.hold(notice(2, [{ coalitionId: 'c1', kind: 'MEMBERSHIP', ids: ['m1'] }]));
    const ids = (from: number) => Array.from({ length: HELD_IDS_AT_MOST }, (_, index) => `x${from + index}`);
    held.hold(notice(3, [{ coalitionId: 'c2', kind: 'MEMBERSHIP', ids: ids(0) }]));
    held.hold(notice(4, [{ coalitionId: 'c2', kind: 'MEMBERSHIP', ids: ids(1) }]));
    expect(held.take().map((change) => change.ids)).toEqual(['many', 'many']);
  });
});
