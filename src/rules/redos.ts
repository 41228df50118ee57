/**
 * Refuses regexes that can backtrack super-linearly (ReDoS): `^([0-9]+)+$` stalls a scan for a
 * minute on one 35-character value. The checker is `recheck` (automaton analysis, with fuzzing
 * where the automaton cannot model a construct such as look-behind), run on its pure-JavaScript
 * engine so it needs no JVM or native binary. It is loaded only when a user's rule needs checking:
 * the built-in rules are checked by the test suite (test/unit/rules-redos.test.ts).
 */
import { createRequire } from 'node:module';
import type { Diagnostics, Parameters } from 'recheck';

type CheckSync = (source: string, flags: string, params?: Parameters) => Diagnostics;

let checkSync: CheckSync | null = null;

function checker(): CheckSync {
  checkSync ??= (createRequire(import.meta.url)('recheck') as { checkSync: CheckSync }).checkSync;
  return checkSync;
}

/** How long one regex may take to check before it counts as unproven (and is refused). */
export const CHECK_TIMEOUT_MS = 10_000;

/**
 * Why `source` is unsafe to run on hostile values, or null when the checker proves (or, by fuzzing,
 * finds) it linear. Flags `g` and `y` do not change the analysis and are dropped.
 */
export function backtrackingRisk(source: string, flags = ''): string | null {
  const d = checker()(source, flags.replace(/[gy]/g, ''), { timeout: CHECK_TIMEOUT_MS, randomSeed: 1 });
  if (d.status === 'safe') return null;
  if (d.status === 'vulnerable') {
    const c = d.complexity;
    const how = c.type === 'exponential' ? 'exponential' : c.degree === 2 ? 'quadratic' : c.degree === 3 ? 'cubic' : `degree-${c.degree} polynomial`;
    return `the regex can backtrack catastrophically (${how} time in the value's length, from nested or overlapping repeats such as ([0-9]+)+); rewrite it so each character can match only one way`;
  }
  if (d.error.kind === 'timeout') return `the regex could not be proven free of catastrophic backtracking within ${CHECK_TIMEOUT_MS / 1000} s; simplify it`;
  if (d.error.kind === 'invalid') return `invalid regex (${d.error.message})`;
  return `the regex could not be checked for catastrophic backtracking (${d.error.kind}${'message' in d.error ? `: ${d.error.message}` : ''}); simplify it`;
}
