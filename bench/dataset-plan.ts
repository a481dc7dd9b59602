import type { CommitmentStatus } from '../src/commitments/commitment-status.js';
import type { LineOfEffort } from '../src/common/line-of-effort.js';
import type { MembershipStatus } from '../src/memberships/membership-status.js';

/**
 * What the benchmark dataset holds at a given scale, as pure functions (no database), so the
 * generator and its test agree on the numbers. Scale 1 is the reference shape of PERF-NOTES.md:
 * 200 coalitions x every participant (~266) = ~53,000 memberships, ~93,000 membership events,
 * ~1,000,000 commitments. Scale 0 adds nothing: the seed alone.
 */

export const FULL_SCALE_COALITIONS = 200;
export const FULL_SCALE_COMMITMENTS_PER_MEMBERSHIP = 20;
export const FULL_SCALE_SOURCES = 2000;
export const BENCH_SLUG_PREFIX = 'bench-coalition-';
export const BENCH_RECORDED_BY = 'bench-generator';

export interface DatasetPlan {
  scale: number;
  coalitions: number;
  sources: number;
  /** Written into every bench coalition's description, to recognise a dataset already loaded. */
  marker: string;
}

export function planDataset(scale: number): DatasetPlan {
  if (!Number.isFinite(scale) || scale < 0 || scale > 5) throw new Error(`--scale must be from 0 to 5, got ${scale}`);
  if (scale === 0) return { scale, coalitions: 0, sources: 0, marker: 'bench dataset scale=0' };
  return {
    scale,
    coalitions: Math.max(1, Math.round(FULL_SCALE_COALITIONS * scale)),
    sources: Math.max(20, Math.round(FULL_SCALE_SOURCES * scale)),
    marker: `bench dataset scale=${scale}`,
  };
}

export function coalitionSlug(index: number): string {
  return `${BENCH_SLUG_PREFIX}${String(index + 1).padStart(3, '0')}`;
}

/**
 * The life of one membership, following the state machine (INVITED first, then COMMITTED or
 * DECLINED, a committed member may withdraw). Out of 20 memberships: 7 stay invited, 9 commit,
 * 2 decline, 2 commit and later withdraw: 1.75 events per membership.
 */
const HISTORIES: ReadonlyArray<ReadonlyArray<`${MembershipStatus}`>> = [
  ...Array<Array<`${MembershipStatus}`>>(7).fill(['INVITED']),
  ...Array<Array<`${MembershipStatus}`>>(9).fill(['INVITED', 'COMMITTED']),
  ...Array<Array<`${MembershipStatus}`>>(2).fill(['INVITED', 'DECLINED']),
  ...Array<Array<`${MembershipStatus}`>>(2).fill(['INVITED', 'COMMITTED', 'WITHDRAWN']),
];
const COMMITTER_SHARE = 11 / 20;

/** A small deterministic generator (mulberry32): the same scale always yields the same dataset. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function historyOf(random: () => number): ReadonlyArray<`${MembershipStatus}`> {
  return pick(random, HISTORIES);
}

/**
 * Commitments of a membership: only members that committed at some point make any, so each of them
 * makes more (about 36) to keep the reference average of 20 per membership.
 */
export function commitmentCountOf(random: () => number, history: ReadonlyArray<`${MembershipStatus}`>): number {
  if (!history.includes('COMMITTED')) return 0;
  const average = FULL_SCALE_COMMITMENTS_PER_MEMBERSHIP / COMMITTER_SHARE;
  return Math.round(average * (0.4 + 1.2 * random()));
}

export const COMMITMENT_STATUSES: ReadonlyArray<`${CommitmentStatus}`> = [
  'PLEDGED',
  'IN_PROGRESS',
  'FULFILLED',
  'WITHDRAWN',
];
export const LINES_OF_EFFORT: ReadonlyArray<`${LineOfEffort}` | null> = [
  'PREVENT_ILLICIT_MANUFACTURE_AND_TRAFFICKING',
  'DETECT_EMERGING_THREATS',
  'PUBLIC_HEALTH_RESPONSE',
  null,
];

/** International organisations added beside the seed's, so the roster mixes both kinds. */
export const BENCH_ORGANIZATIONS: ReadonlyArray<{ acronym: string; name: string }> = [
  { acronym: 'INTERPOL', name: 'International Criminal Police Organization' },
  { acronym: 'WHO', name: 'World Health Organization' },
  { acronym: 'OECD', name: 'Organisation for Economic Co-operation and Development' },
  { acronym: 'ASEAN', name: 'Association of Southeast Asian Nations' },
  { acronym: 'AU', name: 'African Union' },
  { acronym: 'OAS', name: 'Organization of American States' },
  { acronym: 'EUROPOL', name: 'European Union Agency for Law Enforcement Cooperation' },
  { acronym: 'FATF', name: 'Financial Action Task Force' },
  { acronym: 'IOM', name: 'International Organization for Migration' },
  { acronym: 'CARICOM', name: 'Caribbean Community' },
];

/** Calendar arithmetic on 'YYYY-MM-DD' at UTC, so the dataset does not depend on the time zone. */
export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** A syntactically valid, deterministic UUID (version 4 layout) for row `index` of a table `kind`. */
export function benchUuid(kind: number, index: number): string {
  const hex = index.toString(16).padStart(12, '0');
  return `b0${kind.toString(16).padStart(2, '0')}0000-0000-4000-8000-${hex}`;
}
