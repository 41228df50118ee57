/**
 * Name evidence: the name rules (rules/names.yaml) the column's name satisfies on whole tokens. A
 * name the values contradict (codes only, or short values with a digit count the category never
 * has) keeps only part of its weight.
 */
import { nameEvidence } from '../names.js';
import { NAME_CONTRADICTED_FACTOR, round2 } from '../scoring.js';
import type { ColumnDetector } from './types.js';

export const nameDetector: ColumnDetector = {
  name: 'name',
  scope: 'column',
  detect(profile, rules) {
    return nameEvidence(profile.name, rules, profile.tokens).map((hit) => {
      const contradicted = profile.codesOnly || profile.digitsContradict(rules.categories.get(hit.category)?.digits);
      const w = contradicted ? hit.weight * NAME_CONTRADICTED_FACTOR : hit.weight;
      return { category: hit.category, evidence: { ...hit.evidence, weight: round2(w) }, weight: w };
    });
  },
};
