import { randomUUID } from 'node:crypto';
import { groupSubjects, noticeText, parseNotice, type ChangeSubject } from './registry-change-notice.js';

const notice = (subjects: ChangeSubject[]) => ({
  id: randomUUID(),
  position: 7,
  at: '2026-12-02T00:00:00.000Z',
  changes: groupSubjects(subjects),
});

describe('a change notice', () => {
  it('groups the records changed per coalition and kind, each id once', () => {
    const grouped = groupSubjects([
      { kind: 'MEMBERSHIP', id: 'm1', coalitionId: 'c1' },
      { kind: 'MEMBERSHIP', id: 'm1', coalitionId: 'c1' },
      { kind: 'COMMITMENT', id: 'k1', coalitionId: 'c1' },
      { kind: 'PARTICIPANT', id: 'p1', coalitionId: null },
    ]);
    expect(grouped).toEqual([
      { coalitionId: 'c1', kind: 'MEMBERSHIP', ids: ['m1'] },
      { coalitionId: 'c1', kind: 'COMMITMENT', ids: ['k1'] },
      { coalitionId: null, kind: 'PARTICIPANT', ids: ['p1'] },
    ]);
  });

  it('says "many" instead of the ids of a change too large for PostgreSQL (a 500-row import), and stays under 8000 bytes', () => {
    const rows = Array.from({ length: 500 }, () => ({
      kind: 'MEMBERSHIP' as const,
      id: randomUUID(),
      coalitionId: 'c1',
    }));
    const text = noticeText(notice([...rows, { kind: 'COMMITMENT', id: 'k1', coalitionId: 'c1' }]));
    expect(Buffer.byteLength(text)).toBeLessThan(8000);
    expect(parseNotice(text)!.changes).toEqual([
      { coalitionId: 'c1', kind: 'MEMBERSHIP', ids: 'many' },
      { coalitionId: 'c1', kind: 'COMMITMENT', ids: ['k1'] },
    ]);
  });

  it('keeps every id when they fit', () => {
    const text = noticeText(notice([{ kind: 'MEMBERSHIP', id: 'm1', coalitionId: 'c1' }]));
    expect(parseNotice(text)).toMatchObject({ position: 7, changes: [{ ids: ['m1'] }] });
  });

  it('is not read from a payload that is not one (an older writer sent a bare id)', () => {
    expect(parseNotice(randomUUID())).toBeUndefined();
    expect(parseNotice('{not json')).toBeUndefined();
  });
});
