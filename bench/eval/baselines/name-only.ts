/**
 * Baseline (a): column-name rules in the style of common open-source scanners (piicatcher,
 * datahub-classify name matchers): case-insensitive substring regexes on the column name alone.
 */
import type { Category } from '../corpus.js';

/** The rule set, one substring regex per category, as those tools ship them. */
export const NAME_RULES: ReadonlyArray<readonly [Category, RegExp]> = [
  ['ssn', /ssn|social/i],
  ['dob', /birth|dob/i],
  ['credit_card', /card|cc_?num|pan/i],
  ['bank_account', /acct|account/i],
  ['bank_routing', /routing|aba/i],
  ['email', /email|mail/i],
  ['phone', /phone|mobile|tel/i],
  ['address', /addr|street/i],
  ['person_name', /name/i],
  ['ip_address', /ip/i],
  ['passport', /passport/i],
  ['drivers_license', /license|dl_/i],
  ['tax_id', /tax|ein|tin/i],
  ['medical', /diag|icd|medic|health/i],
];

/** Categories the name-only rules report for a column name. */
export function classifyByName(column: string): Set<Category> {
  const out = new Set<Category>();
  for (const [cat, re] of NAME_RULES) if (re.test(column)) out.add(cat);
  return out;
}
