/**
 * What makes the gate deterministic: a fixed default sample seed, the core categories that fail on
 * one validated value, and the margin a category must clear the report threshold by to count as new.
 */
import { REPORT_AT } from '../classify/column.js';
import type { Rules } from '../rules/load.js';
import type { Finding } from '../types.js';

/** The seed `check` samples with when neither `--seed` nor the baseline names one. */
export const DEFAULT_CHECK_SEED = 1;

/** The five audit categories: one validated value of these in a new place always fails the gate. */
export const CORE_CATEGORIES: readonly string[] = ['ssn', 'dob', 'medical', 'bank_account', 'credit_card'];

/** How far above the report threshold (REPORT_AT) a category newly seen in a known column must be. */
export const DEFAULT_MARGIN = 0.1;

/** Rule ids whose matches pass a validator in code (checksums, issuance rules, date plausibility). */
export function validatedRuleIds(rules: Rules): Set<string> {
  const ids = new Set<string>();
  for (const r of rules.values) if (r.validator) ids.add(r.def.id);
  for (const r of rules.text) if (r.validator) ids.add(r.def.id);
  return ids;
}

/** How many sampled values of this finding passed a validator in code (0 when none did or none ran). */
export function validatedValues(f: Finding, validatorRules: ReadonlySet<string>): number {
  let n = 0;
  for (const e of f.evidence) {
    if ((e.source === 'value' || e.source === 'text') && validatorRules.has(e.rule)) n = Math.max(n, e.validated ?? 0);
  }
  return n;
}

/** Whether a category not covered by the baseline is firm enough to fail the gate. */
export function firm(f: Finding, margin: number, validatorRules: ReadonlySet<string>): { firm: boolean; why: string } {
  if (CORE_CATEGORIES.includes(f.category) && validatedValues(f, validatorRules) > 0) {
    return { firm: true, why: `${validatedValues(f, validatorRules)} validated ${f.category} value(s)` };
  }
  if (f.confidence >= REPORT_AT + margin - 1e-9) return { firm: true, why: `confidence ${f.confidence.toFixed(2)}` };
  return { firm: false, why: `confidence ${f.confidence.toFixed(2)} within ${margin} of the threshold ${REPORT_AT}` };
}
