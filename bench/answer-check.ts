import { isDeepStrictEqual } from 'node:util';
import { apiOf, type OperationName, type SystemName } from './bench-options.js';
import type { Ask, Operation, PreparedRequest } from './operations/operation.js';

/**
 * Before any timing: every system must give the same answer to a sample of each question, once
 * reduced to what they all return. A benchmark of wrong answers measures nothing.
 */
export interface AnswerMismatch {
  operation: OperationName;
  question: unknown;
  systems: [SystemName, SystemName];
  detail: string;
}

export function askOf(port: number): Ask {
  return async (request: PreparedRequest) => {
    const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: request.body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
    }
  };
}

/** Each question as a ready request for one system (some need an answer of that system first). */
export async function prepareRequests<Question>(
  operation: Operation<Question>,
  system: SystemName,
  questions: Question[],
  ask: Ask,
): Promise<PreparedRequest[]> {
  const requests: PreparedRequest[] = [];
  for (const question of questions) requests.push(await operation.request(apiOf(system), question, ask));
  return requests;
}

/** A few questions from the start, the middle and the end of the rotation. */
export function sampleOf<T>(questions: T[], size = 6): T[] {
  if (questions.length <= size) return questions;
  const step = (questions.length - 1) / (size - 1);
  return Array.from({ length: size }, (_, i) => questions[Math.round(i * step)]!);
}

function failureOf(answer: unknown): string | undefined {
  return (answer as { failed?: string } | null)?.failed;
}

function firstDifference(a: unknown, b: unknown, where = ''): string {
  if (isDeepStrictEqual(a, b)) return '';
  const failure = failureOf(a) ?? failureOf(b);
  if (failure) return `failed: ${failure}`;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${where}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${where || '(root)'}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
}

export async function checkAnswers<Question>(
  operation: Operation<Question>,
  questions: Question[],
  asks: Map<SystemName, Ask>,
): Promise<AnswerMismatch[]> {
  const mismatches: AnswerMismatch[] = [];
  const systems = [...asks.keys()];
  for (const question of sampleOf(questions)) {
    const answers = new Map<SystemName, unknown>();
    for (const system of systems) {
      const ask = asks.get(system)!;
      try {
        const request = await operation.request(apiOf(system), question, ask);
        answers.set(system, operation.normalize(apiOf(system), await ask(request), question));
      } catch (error) {
        answers.set(system, { failed: error instanceof Error ? error.message : String(error) });
      }
    }
    const [reference, ...others] = systems;
    for (const system of others) {
      const detail = firstDifference(answers.get(reference!), answers.get(system));
      if (detail) mismatches.push({ operation: operation.name, question, systems: [reference!, system], detail });
    }
    // One system failing alone still shows when there is nothing to compare it with.
    const failed = systems.filter((system) => failureOf(answers.get(system)));
    if (systems.length === 1 && failed.length > 0) {
      mismatches.push({
        operation: operation.name,
        question,
        systems: [failed[0]!, failed[0]!],
        detail: JSON.stringify(answers.get(failed[0]!)),
      });
    }
  }
  return mismatches;
}
