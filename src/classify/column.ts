/**
 * One column's classification: its profile, built once, read by every column detector in order
 * (detectors/index.ts); their evidence gathered into one claim per category; then a name that
 * contradicts a category scales that category's value evidence down (contradict.ts).
 */
import type { Rules } from '../rules/types.js';
import { contradictByName } from './contradict.js';
import { DETECTORS, type Detector } from './detectors/index.js';
import { addDetected, type Claim } from './evidence.js';
import { ColumnProfile, type ColumnInput } from './profile.js';

export { CANDIDATE_AT, REPORT_AT } from './scoring.js';
export { SUBJECT_EVIDENCE } from './detectors/table-subject.js';
export { claim, type Claim } from './evidence.js';
export { confidenceOf, decide, standing } from './decide.js';
export type { ColumnInput } from './profile.js';

export interface ColumnClassification {
  readonly profile: ColumnProfile;
  readonly nonNull: number;
  readonly tokens: readonly string[];
  /** Every category with any evidence (before thresholds), for table context. */
  readonly claims: Map<string, Claim>;
}

export function classifyColumn(input: ColumnInput, rules: Rules, now: Date, detectors: readonly Detector[] = DETECTORS): ColumnClassification {
  const profile = new ColumnProfile(input, rules, now);
  const claims = new Map<string, Claim>();
  for (const d of detectors) {
    if (d.scope !== 'column') continue;
    for (const found of d.detect(profile, rules)) addDetected(claims, found);
  }
  contradictByName(profile.name, profile.tokens, claims, rules);
  return { profile, nonNull: profile.nonNullRows, tokens: profile.tokens, claims };
}
