/**
 * Category ids given on a command line (`--fail-on sssn`): an unknown one is a typo that would
 * quietly turn a CI gate off, so it is a usage error naming the known categories.
 */
import { MinimError } from '../errors.js';
import { loadRules } from '../rules/load.js';
import { safeText } from '../util/text.js';

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Checks each id against the categories the rules define (built-in and `--rules` dirs); `any` is
 * allowed where `allowAny`. Throws USAGE: `--fail-on: unknown category "sssn" (did you mean ssn?); …`.
 */
export function checkCategories(ids: readonly string[], flag: string, options: { rulesDirs?: readonly string[]; allowAny?: boolean } = {}): void {
  if (ids.length === 0) return;
  const known = [...loadRules(options.rulesDirs ?? []).categories.keys()].sort();
  const unknown = ids.filter((id) => !(options.allowAny && id === 'any') && !known.includes(id));
  if (unknown.length === 0) return;
  const first = unknown[0]!;
  const lower = first.toLowerCase();
  const near = known.map((k) => ({ k, d: distance(lower, k) })).sort((a, b) => a.d - b.d)[0];
  const hint = near && near.d <= Math.max(1, Math.floor(first.length / 3)) ? ` (did you mean ${near.k}?)` : '';
  const list = unknown.map((u) => `"${safeText(u)}"`).join(', ');
  throw new MinimError(
    'USAGE',
    `${flag}: unknown categor${unknown.length === 1 ? 'y' : 'ies'} ${list}${hint}; the categories are ${known.join(', ')}${options.allowAny ? ', or any' : ''}`,
  );
}
