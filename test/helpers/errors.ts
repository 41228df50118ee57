import { expect } from 'vitest';
import { MinimError } from '../../src/errors.js';

/** Awaits `p`, expecting it to reject with a MinimError, and returns that error for further checks. */
export async function rejects(p: Promise<unknown>): Promise<MinimError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(MinimError);
    return e as MinimError;
  }
  throw new Error('expected a rejection');
}
