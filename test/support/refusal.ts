import { InvalidInput } from '../../src/common/domain-errors.js';

/** The InvalidInput a rule throws, for a unit test to read its argument and message; fails if it accepts. */
export function refusal(action: () => unknown): InvalidInput {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
