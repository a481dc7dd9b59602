import type { ChangeKind, RegistryChangeNotice } from '../response-cache/registry-change-notice.js';

/** Past this many merged ids, a held change says "many" (as a notice does): a listener re-reads the coalition. */
export const HELD_IDS_AT_MOST = 200;

/** The changes of one kind in one coalition heard and not yet delivered, merged. */
export interface HeldChange {
  coalitionId: string | null;
  kind: ChangeKind;
  ids: Set<string> | 'many';
  /** The last merged notice's position and commit time. */
  position: number;
  at: string;
}

/**
 * The changes heard while a delivery is under way, merged per coalition and kind: what waits is
 * bounded by the coalitions and kinds, not by the number of writes. A listener reads the state again
 * when it delivers, so ten changes of one kind delivered as one lose nothing, and every kind that
 * changed is still told.
 */
export class HeldChanges {
  private readonly changes = new Map<string, HeldChange>();

  get isEmpty(): boolean {
    return this.changes.size === 0;
  }

  hold(notice: RegistryChangeNotice): void {
    for (const change of notice.changes) {
      const key = `${change.coalitionId ?? ''}/${change.kind}`;
      const held = this.changes.get(key);
      if (!held) {
        const ids = change.ids === 'many' ? 'many' : new Set(change.ids);
        this.changes.set(key, { ...change, ids: tooMany(ids), position: notice.position, at: notice.at });
        continue;
      }
      if (held.ids !== 'many') {
        held.ids = change.ids === 'many' ? 'many' : tooMany(new Set([...held.ids, ...change.ids]));
      }
      if (notice.position > held.position) Object.assign(held, { position: notice.position, at: notice.at });
    }
  }

  /** Everything held, in the order of the last write each covers (commit order), and holds nothing more. */
  take(): HeldChange[] {
    const taken = [...this.changes.values()].sort((a, b) => a.position - b.position);
    this.changes.clear();
    return taken;
  }
}

function tooMany(ids: Set<string> | 'many'): Set<string> | 'many' {
  return ids !== 'many' && ids.size > HELD_IDS_AT_MOST ? 'many' : ids;
}
