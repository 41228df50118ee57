/**
 * What the plan reads of the categories in the rules: which rows a column mask of each changes by
 * default (`maskRows`), and which categories' matches inside free text migrate can redact: `redaction.text` in
 * rules/categories.yaml (each needs a validated text rule in rules/values.yaml; a unit test pins
 * the two together through src/migrate/detect.ts `redactableCategories()`).
 */
import { loadRules } from '../rules/load.js';

let redactable: readonly string[] | undefined;
export function redactCategories(): readonly string[] {
  redactable ??= [...loadRules().categories.values()].filter((c) => c.redaction?.text).map((c) => c.id).sort();
  return redactable;
}

/** Which rows a column mask of `category` changes by default (rules/categories.yaml `maskRows`). */
export function maskRowsOf(category: string): 'validated' | 'all' {
  return loadRules().categories.get(category)?.maskRows ?? 'all';
}
