/**
 * What a write's change notice says (PostgreSQL NOTIFY, see registry-changes.service.ts): which records
 * of which kind changed in which coalition, and the change's position in the order of commits. It names
 * ids only, never the records themselves: PostgreSQL refuses a payload of 8000 bytes or more, and a
 * listener reads the state after the change itself, once per instance.
 */

/** The kinds of record a change notice names: every kind a ledger writes. */
export const CHANGE_KINDS = [
  'MEMBERSHIP',
  'COMMITMENT',
  'PARTICIPANT',
  'COALITION',
  'REPORTED_FIGURE',
  'COALITION_EVENT',
  'ENGAGEMENT',
  'LINE_OF_EFFORT',
  'SOURCE',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One record a write changed: the ledgers name it when they record the change. */
export interface ChangeSubject {
  kind: ChangeKind;
  id: string;
  /** The coalition the record belongs to (a coalition's own id); null for one of none (a participant, a source). */
  coalitionId: string | null;
}

/** The records of one kind in one coalition that a transaction changed. */
export interface ChangedRecords {
  coalitionId: string | null;
  kind: ChangeKind;
  /** Every id, or 'many' when they did not fit in a notice: then a listener re-reads the coalition. */
  ids: string[] | 'many';
}

export interface RegistryChangeNotice {
  /** Unique per notice: the writer awaits its own notice's echo by it. */
  id: string;
  /** Increases with every committed change, in commit order, across every instance. */
  position: number;
  /** When the change committed (the database's clock). */
  at: string;
  changes: ChangedRecords[];
}

/** PostgreSQL's limit is 8000 bytes; the rest is a margin for the envelope. */
export const NOTICE_BYTES_AT_MOST = 7500;

/** The changed records grouped per coalition and kind, in the order first met, each id once. */
export function groupSubjects(subjects: readonly ChangeSubject[]): ChangedRecords[] {
  const groups = new Map<string, { coalitionId: string | null; kind: ChangeKind; ids: Set<string> }>();
  for (const subject of subjects) {
    const key = `${subject.coalitionId ?? ''}/${subject.kind}`;
    const group = groups.get(key) ?? { coalitionId: subject.coalitionId, kind: subject.kind, ids: new Set<string>() };
    group.ids.add(subject.id);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ coalitionId, kind, ids }) => ({ coalitionId, kind, ids: [...ids] }));
}

/**
 * The notice's text, under NOTICE_BYTES_AT_MOST: when the ids do not fit, the longest lists become
 * 'many' one by one (a 500-row import says "many memberships of this coalition", not 500 ids).
 */
export function noticeText(notice: RegistryChangeNotice, bytesAtMost = NOTICE_BYTES_AT_MOST): string {
  const changes = notice.changes.map((change) => ({ ...change }));
  let text = JSON.stringify({ ...notice, changes });
  while (Buffer.byteLength(text) > bytesAtMost) {
    const longest = changes
      .filter((change) => change.ids !== 'many')
      .sort((a, b) => (b.ids as string[]).length - (a.ids as string[]).length)[0];
    if (!longest) throw new Error('A change notice names more coalitions and kinds than a notice can carry');
    longest.ids = 'many';
    text = JSON.stringify({ ...notice, changes });
  }
  return text;
}

/** The notice in a payload, or undefined for a payload that is not one (an older writer's bare id). */
export function parseNotice(payload: string | undefined): RegistryChangeNotice | undefined {
  if (!payload?.startsWith('{')) return undefined;
  try {
    const notice = JSON.parse(payload) as RegistryChangeNotice;
    return typeof notice.id === 'string' && Array.isArray(notice.changes) ? notice : undefined;
  } catch {
    return undefined;
  }
}
