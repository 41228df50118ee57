/** Column names → normalised whole-word tokens: `bankAcctNum` → [bank, account, number]. */
import type { Rules } from '../rules/types.js';
import { segmentCompound } from './segment.js';
import { ownerMemo } from '../util/memo.js';

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

type TokenRules = Pick<Rules, 'aliases' | 'compounds'> & { readonly vocabulary?: ReadonlySet<string> };

/** A plural the rules do not name, read as its singular when the rules name that (`phones`, `allergies`). */
function singular(t: string, known: (w: string) => boolean): string {
  if (t.length < 4 || !t.endsWith('s') || t.endsWith('ss') || known(t)) return t;
  if (t.endsWith('ies') && known(t.slice(0, -3) + 'y')) return t.slice(0, -3) + 'y';
  if (t.endsWith('es') && known(t.slice(0, -2))) return t.slice(0, -2);
  return known(t.slice(0, -1)) ? t.slice(0, -1) : t;
}

/**
 * Tokens after compounds are split and aliases canonicalised. With the rules' vocabulary, a plural
 * the rules do not name reads as its singular, and a run-together word the compounds list does not
 * hold is segmented against an English word list (segment.ts): `guardianphone` → [guardian, phone].
 */
export function nameTokens(name: string, rules: TokenRules): readonly string[] {
  return tokensOf(rules, name);
}

/** The same names come back table after table (id, status, created_at): each is tokenised once per rule set. */
const tokensOf = ownerMemo<TokenRules, string[]>(50_000, (name, rules) => tokenize(name, rules));

function tokenize(name: string, rules: TokenRules): string[] {
  const out: string[] = [];
  const vocab = rules.vocabulary;
  const known = (w: string) => rules.aliases.has(w) || rules.compounds.has(w) || (vocab?.has(w) ?? false);
  for (const raw of splitName(name)) {
    let parts: readonly string[] | undefined = rules.compounds.get(raw);
    if (!parts && vocab && !known(raw)) {
      const one = singular(raw, known);
      parts = one !== raw ? [one] : (segmentCompound(raw, vocab)?.map((p) => singular(p, known)) ?? undefined);
      if (parts) parts = parts.flatMap((p) => rules.compounds.get(p) ?? [p]);
    }
    for (const p of parts ?? [raw]) out.push(rules.aliases.get(p) ?? p);
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
