/** Value evidence: whole-value rules over a column's sampled values, with validation. */
import type { Rules, CompiledValueRule } from '../rules/types.js';
import { looksLikePersonName, type NameDictionaries } from './person-names.js';
import { newShape, shapeFits, shapeOf } from './shape.js';

/** What one value rule saw in one column. Raw examples stay in memory only (masked before output). */
export interface ValueTally {
  readonly rule: CompiledValueRule;
  matched: number;
  /** Sum of validator scores over matched values (a rule without validator scores 1 per match). */
  validated: number;
  /** Count of values whose validator score was at least 0.5. */
  validCount: number;
  readonly rawExamples: string[];
  /** Distinct first-3-character prefixes of validated values (weak-shape rules only): sequences are not ids of people. */
  readonly prefixes: Set<string> | null;
}

/** Structured values are inspected up to this many characters (longer values are text, not ids). */
const MAX_STRUCTURED = 256;
const MAX_EXAMPLES = 3;

export function nameDictionaries(rules: Rules): NameDictionaries {
  return {
    first: rules.dictionaries.get('first-names') ?? new Set(),
    last: rules.dictionaries.get('last-names') ?? new Set(),
  };
}

/**
 * After this many non-null values, a column where no rule matched more than EARLY_EXIT_SHARE of
 * them is decided: the sample is random, so the rest cannot lift any rule to its minimum share.
 */
export const EARLY_EXIT_AFTER = 256;
const EARLY_EXIT_SHARE = 0.02;

/** Runs every value rule over the values; returns tallies for rules that matched at least once. */
export function tallyValues(values: readonly (string | null)[], rules: Rules, dict: NameDictionaries): ValueTally[] {
  const shape = newShape();
  const tallies = new Map<CompiledValueRule, ValueTally>();
  const ruleList = rules.values;
  let seen = 0;
  let bestMatched = 0;
  for (const raw of values) {
    if (raw === null) continue;
    if (++seen === EARLY_EXIT_AFTER + 1 && bestMatched <= EARLY_EXIT_SHARE * EARLY_EXIT_AFTER) break;
    if (raw.length > MAX_STRUCTURED) continue;
    const v = raw.trim();
    if (v.length === 0) continue;
    shapeOf(v, shape);
    for (const rule of ruleList) {
      if (!shapeFits(shape, rule.def.shape)) continue;
      let ok: boolean;
      if (rule.regex) ok = rule.regex.test(v);
      else if (rule.dictionary === 'names') ok = shape.digits <= 3 && !shape.at && looksLikePersonName(v, dict);
      else ok = rules.dictionaries.get(rule.dictionary!)?.has(v.toLowerCase()) ?? false;
      if (!ok) continue;
      const score = rule.validator ? rule.validator(v) : 1;
      let t = tallies.get(rule);
      if (!t) {
        t = { rule, matched: 0, validated: 0, validCount: 0, rawExamples: [], prefixes: rule.def.chance >= 0.5 ? new Set() : null };
        tallies.set(rule, t);
      }
      t.matched++;
      if (t.matched > bestMatched) bestMatched = t.matched;
      t.validated += score;
      if (score >= 0.5) {
        t.validCount++;
        if (t.rawExamples.length < MAX_EXAMPLES && !t.rawExamples.includes(v)) t.rawExamples.push(v);
        if (t.prefixes && t.prefixes.size < 64) t.prefixes.add(v.slice(0, 3));
      }
    }
  }
  return [...tallies.values()];
}
