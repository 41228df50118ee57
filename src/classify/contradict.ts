/**
 * A column whose name names something else (`parcel_no`, `term_dt`: a token in the category's
 * `valuesUnless`) does not become the category from its values alone: unless the name also names
 * the category, its value and text evidence is scaled by CONTRADICTED (at most a candidate) and a
 * name entry says why (`contradicts`). Runs after the column detectors, before table context.
 */
import type { Rules } from '../rules/types.js';
import type { Claim } from './evidence.js';
import { CONTRADICTED, round2 } from './scoring.js';

export function contradictByName(column: string, tokens: readonly string[], claims: Map<string, Claim>, rules: Rules): void {
  for (const c of claims.values()) {
    const unless = rules.categories.get(c.category)?.valuesUnless;
    if (!unless || unless.length === 0) continue;
    const hit = tokens.find((t) => unless.includes(t));
    if (!hit || c.evidence.some((e) => e.source === 'name' || e.source === 'label')) continue;
    c.evidence.forEach((e, i) => {
      const w = c.weights[i]! * CONTRADICTED;
      c.weights[i] = w;
      e.weight = round2(w);
    });
    c.evidence.push({
      rule: 'name-contradicts',
      source: 'name',
      detail: `the name ${column} names a ${hit}, not ${c.category}: values alone do not decide it`,
      contradicts: hit,
      weight: 0,
    });
    c.weights.push(0);
  }
}
