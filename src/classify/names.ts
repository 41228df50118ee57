/** Name evidence: which name rules a column's name satisfies, on whole tokens. */
import type { Evidence } from '../types.js';
import type { CompiledNameRule, Rules } from '../rules/types.js';
import { containsSequence, nameTokens, splitName } from './tokens.js';
import { ownerMemo } from '../util/memo.js';

export interface NameHit {
  readonly category: string;
  readonly weight: number;
  readonly evidence: Evidence;
  /** The integer range the rule's values must fit (rules/names.yaml `fits`), if any. */
  readonly fits?: readonly [number, number];
}

const canonPatternCache = new WeakMap<CompiledNameRule, { patterns: string[][]; unless: string[][] }>();

function canonical(rule: CompiledNameRule, rules: Rules) {
  let c = canonPatternCache.get(rule);
  if (!c) {
    const canon = (seq: readonly string[]) =>
      seq.flatMap(splitName).flatMap((t) => rules.compounds.get(t) ?? [t]).map((t) => rules.aliases.get(t) ?? t);
    c = { patterns: rule.patterns.map(canon), unless: rule.unless.map(canon) };
    canonPatternCache.set(rule, c);
  }
  return c;
}

/**
 * Every name rule the column name matches (best per category), with its evidence. What the rules
 * make of a name depends on its tokens only: each token sequence is judged once per rule set (the
 * hits are shared, frozen; callers copy what they change).
 */
export function nameEvidence(column: string, rules: Rules, tokens: readonly string[] = nameTokens(column, rules)): readonly NameHit[] {
  return evidenceOf(rules, tokens.join('\u0000'));
}

const evidenceOf = ownerMemo<Rules, NameHit[]>(50_000, (key, rules) => judgeName(key === '' ? [] : key.split('\u0000'), rules));

function judgeName(tokens: readonly string[], rules: Rules): NameHit[] {
  const best = new Map<string, NameHit>();
  for (const rule of rules.names) {
    const { patterns, unless } = canonical(rule, rules);
    const pattern = patterns.findIndex((p) => containsSequence(tokens, p));
    if (pattern < 0) continue;
    if (unless.some((u) => containsSequence(tokens, u))) continue;
    const prev = best.get(rule.def.category);
    if (prev && prev.weight >= rule.def.weight) continue;
    best.set(rule.def.category, {
      category: rule.def.category,
      weight: rule.def.weight,
      evidence: { rule: rule.def.id, source: 'name', pattern: rule.def.patterns[pattern]!, weight: rule.def.weight },
      ...(rule.def.fits ? { fits: rule.def.fits } : {}),
    });
  }
  // Frozen through: the memo shares these hits with every caller.
  return [...best.values()].map((hit) => Object.freeze({ ...hit, evidence: Object.freeze(hit.evidence) }));
}

/** Whether any name rule (of any category) names this column sensitive: used by the rule tests. */
export function nameMatches(rule: CompiledNameRule, column: string, rules: Rules): boolean {
  const tokens = nameTokens(column, rules);
  const { patterns, unless } = canonical(rule, rules);
  return patterns.some((p) => containsSequence(tokens, p)) && !unless.some((u) => containsSequence(tokens, u));
}
