/** Item digests and approval state: what an approval covers, and whether it still holds. */
import { createHash } from 'node:crypto';
import type { Decision, PlanItem } from './plan-schema.js';
import { canonicalJson } from '../util/canonical-json.js';

export { canonicalJson } from '../util/canonical-json.js';

/**
 * Fields a decision does not cover: the decision state itself. Everything else — what is done, to
 * which column, why, for how long, the evidence the steward saw, and any field added later (a
 * `triggers: accept` flag, preflight data) — is covered by construction, so editing any of it
 * voids the decision. Version 1 plans digested fewer fields; their decisions are unsigned anyway.
 */
const NOT_DIGESTED = new Set(['status', 'decisions']);
/** Observations a re-scan refreshes; re-planning keeps a decided item's old ones (what was signed). */
export const OBSERVED_FIELDS = ['evidence', 'rowEstimate', 'note'] as const;


/** `sha256:<hex>` over the canonical JSON of the item's decision-relevant fields. */
export function itemDigest(item: PlanItem): string {
  const covered = Object.fromEntries(Object.entries(item).filter(([k]) => !NOT_DIGESTED.has(k)));
  return 'sha256:' + createHash('sha256').update(canonicalJson(covered)).digest('hex');
}

/** Digest of the item's content without the observations a re-scan refreshes (re-plan matching). */
export function contentDigest(item: PlanItem): string {
  const skip = new Set<string>([...NOT_DIGESTED, ...OBSERVED_FIELDS]);
  const covered = Object.fromEntries(Object.entries(item).filter(([k]) => !skip.has(k)));
  return 'sha256:' + createHash('sha256').update(canonicalJson(covered)).digest('hex');
}

/** The last approve/reject/void decision, if any. */
export function lastDecision(item: PlanItem): Decision | undefined {
  return item.decisions[item.decisions.length - 1];
}

export type ApprovalState =
  | { kind: 'approved'; decision: Decision }
  /** Kept as it is on a signed legal basis: never migrated, covered for `check`. */
  | { kind: 'retained'; decision: Decision }
  | { kind: 'not-approved' }
  | { kind: 'tampered'; why: string };

/**
 * Whether an item may be migrated. `tampered`: it says approved but its last decision is not an
 * approval, or the approval's digest no longer matches the item (it was edited after approval).
 */
export function approvalState(item: PlanItem): ApprovalState {
  const last = lastDecision(item);
  if (item.status === 'retained') {
    if (!last || last.decision !== 'retained') return { kind: 'tampered', why: 'status is retained but no retain decision is recorded' };
    if (!last.signature) return { kind: 'tampered', why: 'the retain decision is unsigned (plan version 1); decide again with a steward key' };
    if (last.digest !== itemDigest(item)) return { kind: 'tampered', why: 'retained, but the item was edited after the decision' };
    return { kind: 'retained', decision: last };
  }
  if (item.status !== 'approved') {
    if (last?.decision === 'approved' && last.digest !== itemDigest(item) && item.status !== 'obsolete') {
      // An edited approved item whose status was also edited: still a voided approval, say so.
      return { kind: 'tampered', why: `status is ${item.status} but its last decision is an approval of different content` };
    }
    return { kind: 'not-approved' };
  }
  if (!last || last.decision !== 'approved') {
    return { kind: 'tampered', why: 'status is approved but no approval decision is recorded' };
  }
  if (!last.signature) return { kind: 'tampered', why: 'the approval is unsigned (plan version 1); approve again with a steward key (minim steward init)' };
  const now = itemDigest(item);
  if (last.digest !== now) {
    return { kind: 'tampered', why: `approved as ${last.digest.slice(0, 19)}… but the item now digests to ${now.slice(0, 19)}… (edited after approval)` };
  }
  return { kind: 'approved', decision: last };
}
