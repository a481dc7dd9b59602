import { parseArgs } from 'node:util';

/**
 * `ours-uncached` is our service with RESPONSE_CACHE=false: the engine every distinct question pays for.
 * `ours-replica` is the same, reading from the streaming replicas `--replicas N` starts.
 */
export const SYSTEM_NAMES = ['ours', 'ours-uncached', 'ours-replica', 'postgraphile', 'bare'] as const;
export type SystemName = (typeof SYSTEM_NAMES)[number];
const DEFAULT_SYSTEMS: SystemName[] = ['ours', 'ours-uncached', 'postgraphile', 'bare'];

/** The API a system speaks: all our configurations answer the same GraphQL. */
export type ApiName = Exclude<SystemName, 'ours-uncached' | 'ours-replica'>;

export function apiOf(system: SystemName): ApiName {
  return system === 'ours-uncached' || system === 'ours-replica' ? 'ours' : system;
}

export const OPERATION_NAMES = ['diplomat-lookup', 'members-page', 'dashboard-stats', 'nested-page'] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

export interface BenchOptions {
  /** 1 = the reference dataset (200 coalitions, ~1M commitments); 0 = the seed alone. */
  scale: number;
  /** Seconds per measured run. */
  duration: number;
  /**
   * Seconds of unmeasured load before each run, on the run's own connections (load-run.ts). Three, not one: after one second every system was
   * still tiering up its code for a question it had not seen, and that transient (requests of 300 to
   * 470 ms) made the p99 of each question's first run, ours and PostGraphile's alike (README, "The
   * uncached engine", third round). The bench measures the steady state.
   */
  warmup: number;
  connections: number[];
  systems: SystemName[];
  operations: OperationName[];
  /** Delete and reload the dataset even when one of this scale is there. */
  isRegenerating: boolean;
  /** Measure even when the systems disagree on an answer (the disagreement is still reported). */
  isCheckOptional: boolean;
  /** Streaming replicas of the bench database to start; with any, `ours-replica` reads from them. */
  replicas: number;
}

export const USAGE = `npm run bench -- [--scale 0.1] [--duration 5] [--warmup 3] [--connections 32,128]
                     [--systems ${SYSTEM_NAMES.join(',')}] [--operations ${OPERATION_NAMES.join(',')}]
                     [--replicas 1] [--regenerate] [--no-check]
npm run bench:data -- [--scale 0.1] [--regenerate]`;

function listOf<T extends string>(
  raw: string | undefined,
  allowed: readonly T[],
  fallback: readonly T[],
  name: string,
): T[] {
  if (raw === undefined) return [...fallback];
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (unknown.length > 0 || items.length === 0) {
    throw new Error(`--${name} takes a comma-separated list of ${allowed.join(', ')}; got "${raw}"`);
  }
  return items as T[];
}

function numberOf(raw: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new Error(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      scale: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      systems: { type: 'string' },
      operations: { type: 'string' },
      regenerate: { type: 'boolean', default: false },
      'no-check': { type: 'boolean', default: false },
      replicas: { type: 'string' },
    },
  });
  const replicas = numberOf(values.replicas, 0, 0, 3, 'replicas');
  if (!Number.isInteger(replicas)) throw new Error(`--replicas must be a whole number, got "${values.replicas}"`);
  // With replicas, the replica configuration runs beside the others unless the systems are named.
  const systems = listOf(
    values.systems,
    SYSTEM_NAMES,
    replicas > 0 ? [...DEFAULT_SYSTEMS, 'ours-replica'] : DEFAULT_SYSTEMS,
    'systems',
  );
  if (systems.includes('ours-replica') && replicas === 0) throw new Error('ours-replica needs --replicas 1 or more');
  const connections = (values.connections ?? '32,128')
    .split(',')
    .map((raw) => numberOf(raw, 0, 1, 1024, 'connections'));
  return {
    scale: numberOf(values.scale, 0.1, 0, 5, 'scale'),
    duration: numberOf(values.duration, 5, 1, 600, 'duration'),
    warmup: numberOf(values.warmup, 3, 0, 60, 'warmup'),
    connections,
    systems,
    operations: listOf(values.operations, OPERATION_NAMES, OPERATION_NAMES, 'operations'),
    isRegenerating: values.regenerate ?? false,
    isCheckOptional: values['no-check'] ?? false,
    replicas,
  };
}
