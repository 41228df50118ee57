/** From claims to findings: how far each claim stands, its confidence, the category's type gate, masked examples. */
import type { TypeClass } from '../../connectors/types.js';
import type { Rules } from '../rules/types.js';
import type { Finding } from '../types.js';
import { SUBJECT_EVIDENCE } from './detectors/table-subject.js';
import type { Claim } from './evidence.js';
import { maskExample } from './examples.js';
import { CANDIDATE_AT, combine, REPORT_AT, round2 } from './scoring.js';

/** A claim's confidence: its weights combined (scoring.ts). */
export function confidenceOf(c: Claim): number {
  return combine(c.weights);
}

/**
 * How far a claim stands: context never invents a finding alone, and support-only value evidence
 * (a shape too common to mean anything alone) is a finding only beside a name; with context alone
 * it is a candidate for review.
 */
export function standing(c: Claim): 'finding' | 'candidate' | 'none' {
  let support = false;
  let context = false;
  let other = false;
  c.evidence.forEach((e, i) => {
    if (e.contradicts !== undefined) return;
    // A table subject (rules/subjects.yaml) is evidence in its own right; other context only raises.
    if (e.source === 'context' && !e.rule.startsWith(SUBJECT_EVIDENCE)) context = true;
    else if (c.supportOnly.includes(i)) support = true;
    else other = true;
  });
  return other ? 'finding' : support && context ? 'candidate' : 'none';
}

/** Turns claims into findings and candidates, applying the category's type gate. */
export function decide(
  claims: ReadonlyMap<string, Claim>,
  typeClass: TypeClass,
  rules: Rules,
): { findings: Finding[]; candidates: Finding[] } {
  const findings: Finding[] = [];
  const candidates: Finding[] = [];
  for (const c of claims.values()) {
    const cat = rules.categories.get(c.category);
    // A table subject's content columns pass its own type gate (a vitals table's decimal weight).
    const bySubject = c.evidence.some((e) => e.rule.startsWith(SUBJECT_EVIDENCE));
    // Values found inside JSON/XML hold whatever category their leaves are (an SSN in a jsonb column).
    const inside = c.evidence.some((e) => e.path !== undefined);
    if (!cat || (!cat.types.includes(typeClass) && !bySubject && !inside)) continue;
    const stands = standing(c);
    if (stands === 'none') continue;
    const confidence = round2(stands === 'candidate' ? Math.min(confidenceOf(c), REPORT_AT - 0.01) : confidenceOf(c));
    if (confidence < CANDIDATE_AT) continue;
    const examples = [...new Set(c.rawExamples.map((r) => maskExample(cat.mask, r)))].slice(0, 3);
    const f: Finding = {
      category: c.category,
      confidence,
      evidence: [...c.evidence].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0)),
      examples,
    };
    (confidence >= REPORT_AT ? findings : candidates).push(f);
  }
  const order = (a: Finding, b: Finding) => b.confidence - a.confidence || a.category.localeCompare(b.category);
  return { findings: findings.sort(order), candidates: candidates.sort(order) };
}
