/**
 * Name evidence: the name rules (rules/names.yaml) the column's name satisfies on whole tokens. A
 * name the values contradict (codes only, or short values with a digit count the category never
 * has) keeps only part of its weight. A rule with a range (`fits`: a birth month 1-12) is
 * contradicted instead when its values are not mostly integers in that range.
 */
import { nameEvidence } from '../names.js';
import { FITS_SHARE, NAME_CONTRADICTED_FACTOR, round2 } from '../scoring.js';
import type { ColumnDetector } from './types.js';

const INTEGER = /^[+]?\d{1,9}(?:\.0+)?$/;

/** Whether the sampled non-blank values are mostly integers in [min, max] (true when none were sampled). */
export function valuesFit(values: readonly (string | null)[] | null, [min, max]: readonly [number, number]): boolean {
  if (!values) return true;
  let n = 0;
  let fit = 0;
  for (const v of values) {
    if (v === null) continue;
    const t = v.trim();
    if (t === '') continue;
    n++;
    if (!INTEGER.test(t)) continue;
    const x = Number.parseFloat(t);
    if (x >= min && x <= max) fit++;
  }
  return n === 0 || fit / n >= FITS_SHARE;
}

export const nameDetector: ColumnDetector = {
  name: 'name',
  scope: 'column',
  detect(profile, rules) {
    return nameEvidence(profile.name, rules, profile.tokens).map((hit) => {
      const contradicted = hit.fits
        ? !valuesFit(profile.values, hit.fits)
        : profile.codesOnly || profile.digitsContradict(rules.categories.get(hit.category)?.digits);
      const w = contradicted ? hit.weight * NAME_CONTRADICTED_FACTOR : hit.weight;
      return { category: hit.category, evidence: { ...hit.evidence, weight: round2(w) }, weight: w };
    });
  },
};
