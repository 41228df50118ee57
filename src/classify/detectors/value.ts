/**
 * Value evidence: whole-value rules (rules/values.yaml) over the sampled values, each match checked
 * by its validator. A rule speaks in proportion to the share of values it explains; sequences of
 * ids and running numbers are discounted; below a rule's reportShare its values alone are at most
 * a candidate.
 */
import type { CompiledValueRule, Rules } from '../../rules/types.js';
import type { Detected } from '../evidence.js';
import {
  CANDIDATE_CAP,
  PARTIAL_FACTOR,
  PARTIAL_MIN_VALID,
  qualifiedValueWeight,
  round2,
  RUNNING_FACTOR,
  RUNNING_MIN_CHANCE,
  SEQUENTIAL_FACTOR,
  SEQUENTIAL_MAX_PREFIXES,
  SEQUENTIAL_MIN_VALID,
} from '../scoring.js';
import { nameDictionaries, tallyValues } from '../values.js';
import type { ColumnDetector } from './types.js';

export const valueDetector: ColumnDetector = {
  name: 'value',
  scope: 'column',
  detect(profile) {
    const tallies = profile.valueTallies;
    // Shares are over the values a tally examined (values.ts): the sample, or the spread of it read
    // before the column settled; `validated` then counts the validated values among those.
    // A category's share counts every (non-support) rule of that category: a column mixing
    // formatted and bare phone numbers is a phone column.
    const categoryShare = new Map<string, number>();
    for (const t of tallies) {
      if (t.rule.def.supportOnly) continue;
      categoryShare.set(t.rule.def.category, (categoryShare.get(t.rule.def.category) ?? 0) + t.validated / t.examined);
    }
    // Values a specific rule explains are not evidence for a generic shape's category.
    const explained = profile.explained;
    const out: Detected[] = [];
    for (const t of tallies) {
      const def = t.rule.def;
      if (def.supportOnly && explained) continue;
      // A rule none of whose matches validated says nothing (its shape matched, its check did not).
      if (t.validCount === 0) continue;
      let belowMargin = false;
      const share = def.supportOnly ? t.validated / t.examined : Math.min(1, categoryShare.get(def.category) ?? 0);
      let w: number;
      if (share >= def.minShare) {
        w = qualifiedValueWeight(def.weight, def.minShare, share);
        // Sequential ids (few distinct prefixes) are not people's numbers.
        if (t.prefixes && t.validCount >= SEQUENTIAL_MIN_VALID && t.prefixes.size < SEQUENTIAL_MAX_PREFIXES) w *= SEQUENTIAL_FACTOR;
        // A running number (C1…C1000) matches weak code shapes by accident (C10.0 is ICD-10).
        if (def.chance >= RUNNING_MIN_CHANCE && profile.runningNumber()) w *= RUNNING_FACTOR;
        // Decide with a margin: below the rule's reportShare its values alone never report.
        if (def.reportShare !== undefined && share < def.reportShare) {
          w = Math.min(w, CANDIDATE_CAP);
          belowMargin = true;
        }
      } else if (t.validCount >= PARTIAL_MIN_VALID) {
        w = def.weight * share * PARTIAL_FACTOR;
      } else continue;
      out.push({
        category: def.category,
        evidence: { rule: def.id, source: 'value', matchRate: round2(t.matched / t.examined), validated: t.validCount, weight: round2(w) },
        weight: w,
        rawExamples: t.rawExamples,
        supportOnly: def.supportOnly || belowMargin,
      });
    }
    return out;
  },
};

/**
 * Whether the value rule accepts `v` as the value detector counts it (matched and validated): the
 * rule examples (src/rules/examples.ts) run through this, so an example that passes is matched
 * the same way in a scan.
 */
export function valueRuleAccepts(rule: CompiledValueRule, v: string, rules: Rules): boolean {
  const tallies = tallyValues([v], { ...rules, values: [rule] }, nameDictionaries(rules));
  return tallies.some((t) => t.rule === rule && t.validCount === 1);
}
