/**
 * JSON/XML evidence: each key path's leaves (`$.patient.ssn`, `/person/ssn`) are judged like a
 * column's values by the value rules, and the key's name speaks for them like a column's name.
 */
import type { Detected } from '../evidence.js';
import { nameEvidence } from '../names.js';
import { resolveGroups } from '../profile.js';
import { pathSpeaks } from '../margins.js';
import { KEY_NAME_FACTOR, qualifiedValueWeight, round2 } from '../scoring.js';
import { tallyValues } from '../values.js';
import type { ColumnDetector } from './types.js';

export const jsonDetector: ColumnDetector = {
  name: 'json',
  scope: 'column',
  detect(profile, rules) {
    const leaves = profile.structured;
    if (!leaves) return [];
    const out: Detected[] = [];
    for (const [path, { key, values }] of leaves.paths) {
      // A path present in few documents says little about the column.
      if (!pathSpeaks(values.length, leaves.parsed)) continue;
      const tallies = resolveGroups(tallyValues(values, rules, profile.dictionaries));
      for (const t of tallies) {
        const def = t.rule.def;
        const share = t.validated / t.examined;
        if (def.supportOnly || share < def.minShare) continue;
        const w = qualifiedValueWeight(def.weight, def.minShare, share);
        out.push({
          category: def.category,
          evidence: { rule: def.id, source: 'value', path, matchRate: round2(t.matched / t.examined), validated: t.validCount, weight: round2(w) },
          weight: w,
          rawExamples: t.rawExamples,
        });
      }
      if (!key) continue;
      for (const hit of nameEvidence(key, rules)) {
        const w = hit.weight * KEY_NAME_FACTOR;
        out.push({ category: hit.category, evidence: { ...hit.evidence, path, weight: round2(w) }, weight: w });
      }
    }
    return out;
  },
};
