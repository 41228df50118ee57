/** Column names → normalised whole-word tokens: `bankAcctNum` → [bank, account, number]. */
import type { Rules } from '../rules/load.js';

/** Splits on separators, camelCase humps and letter/digit boundaries; lower-cases. */
export function splitName(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9']+|'/)
    .filter((t) => t.length > 0);
}

/** Tokens after compounds are split and aliases canonicalised. */
export function nameTokens(name: string, rules: Pick<Rules, 'aliases' | 'compounds'>): string[] {
  const out: string[] = [];
  for (const raw of splitName(name)) {
    const parts = rules.compounds.get(raw) ?? [raw];
    for (const p of parts) out.push(rules.aliases.get(p) ?? p);
  }
  return out;
}

/** Whether `seq` occurs contiguously in `tokens` (patterns are canonicalised the same way). */
export function containsSequence(tokens: readonly string[], seq: readonly string[]): boolean {
  if (seq.length === 0 || seq.length > tokens.length) return false;
  outer: for (let i = 0; i + seq.length <= tokens.length; i++) {
    for (let j = 0; j < seq.length; j++) if (tokens[i + j] !== seq[j]) continue outer;
    return true;
  }
  return false;
}
