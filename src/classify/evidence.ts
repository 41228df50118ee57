/**
 * What detectors return and how it accumulates per category: a detector reports `Detected` items;
 * the classifier gathers them into one `Claim` per category of a column.
 */
import type { Evidence } from '../types.js';

/** One piece of evidence for one category, as a detector reports it. */
/** Rule-id prefix of table-subject evidence (decide.ts lets it stand alone). */
export const SUBJECT_EVIDENCE = 'table-subject:';

export interface Detected {
  readonly category: string;
  /** The evidence as the scan JSON shows it (its `weight` rounded to two decimals). */
  readonly evidence: Evidence;
  /** The unrounded weight the confidence is computed from. */
  readonly weight: number;
  /** Raw values behind the evidence: kept in memory only, masked before any output. */
  readonly rawExamples?: readonly string[];
  /** Support only: a shape too common to count alone (a finding only beside other evidence). */
  readonly supportOnly?: boolean;
}

/** Work in progress for one category of one column. */
export interface Claim {
  readonly category: string;
  readonly evidence: Evidence[];
  readonly weights: number[];
  readonly rawExamples: string[];
  /** Indexes into `evidence` of support-only value evidence (a shape too common to count alone). */
  readonly supportOnly: number[];
}

/** The claim for `category`, created empty when the column has none yet. */
export function claim(map: Map<string, Claim>, category: string): Claim {
  let c = map.get(category);
  if (!c) {
    c = { category, evidence: [], weights: [], rawExamples: [], supportOnly: [] };
    map.set(category, c);
  }
  return c;
}

/** Adds detected evidence to its category's claim. */
export function addDetected(map: Map<string, Claim>, d: Detected): void {
  const c = claim(map, d.category);
  if (d.supportOnly) c.supportOnly.push(c.evidence.length);
  c.evidence.push(d.evidence);
  c.weights.push(d.weight);
  if (d.rawExamples) c.rawExamples.push(...d.rawExamples);
}
