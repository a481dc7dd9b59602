import type { ActorRole } from '../audit/actor.js';

/** The actor a dataset revision writes as: `dataset:r2` in history and in the audit log. */
export const datasetActorName = (revision: number): string => `dataset:r${revision}`;

/** The name the seed wrote under before the dataset came in numbered revisions (revision 1 then). */
export const LEGACY_SEED_ACTOR = 'seed';

/**
 * Someone who wrote a fact: from the audit log (name and role) or from a history row (the name only:
 * `membership_event.recorded_by`).
 */
export interface FactWriter {
  name: string;
  role?: ActorRole;
}

/**
 * What a revision's item does to the fact it is about: `add` a fact the registry may not have yet (a
 * member, a figure, an engagement, a source, a coalition), or `amend` one an earlier revision recorded
 * (a correction of its event).
 */
export type ItemIntent = 'add' | 'amend';

/** The fact an item is about, as it stands in the database when the revision is applied. */
export type ItemTarget =
  | { isPresent: false }
  | {
      isPresent: true;
      writers: readonly FactWriter[];
      /**
       * For `amend`: the fact is still as the dataset left it (e.g. the event to correct is standing and
       * dated as the revision expects). For `add`: the fact on record says the same as the item (a source
       * by URL with the same title, publisher and date). Absent means yes.
       */
      isAsExpected?: boolean;
    };

export type ItemDecision =
  | { apply: true }
  /**
   * `isConflict`: what is on record is an admin's (or no longer what the dataset wrote), so the item's
   * version is dropped and the operator should hear of it; otherwise the item is simply there already.
   */
  | { apply: false; isConflict: boolean; reason: string };

/** Whether `writer` is the dataset itself (a revision, or the seed that preceded them), not an admin. */
export function isDatasetWriter(writer: FactWriter): boolean {
  if (writer.role !== undefined && writer.role !== 'SYSTEM') return false;
  return writer.name === LEGACY_SEED_ACTOR || /^dataset:r[1-9][0-9]*$/.test(writer.name);
}

/**
 * May a revision's item apply? The one rule of dataset revisions: a revision adds what is missing and
 * amends only what the dataset alone wrote, and never overwrites what an admin recorded (anyone whose
 * write is not the dataset's: an API key's holder, the roster import). A skipped item says why.
 */
export function decideRevisionItem(intent: ItemIntent, target: ItemTarget): ItemDecision {
  if (!target.isPresent) {
    return intent === 'add'
      ? { apply: true }
      : { apply: false, isConflict: true, reason: 'the fact it amends is not in the database' };
  }
  const admins = [...new Set(target.writers.filter((writer) => !isDatasetWriter(writer)).map((w) => w.name))];
  if (admins.length > 0) {
    const by = admins.sort().join(', ');
    return intent === 'add'
      ? { apply: false, isConflict: true, reason: `already recorded by ${by}; their record stands` }
      : {
          apply: false,
          isConflict: true,
          reason: `changed by ${by} since the dataset recorded it; their change stands`,
        };
  }
  const isAsExpected = target.isAsExpected ?? true;
  if (intent === 'add') {
    return isAsExpected
      ? { apply: false, isConflict: false, reason: 'already in the database' }
      : { apply: false, isConflict: true, reason: 'on record with other details; the record stands' };
  }
  return isAsExpected
    ? { apply: true }
    : { apply: false, isConflict: true, reason: 'no longer as the dataset recorded it; left as it is' };
}
