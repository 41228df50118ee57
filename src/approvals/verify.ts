/**
 * Verifying a whole plan against stewards.yaml: every decision's signature, signer, scope, the
 * item digest and source binding it was made over, the two-person rule, and the seal. The result
 * is the approval trail `minim verify` prints and the refusal migrate, check and report raise.
 */
import { MinimError } from '../errors.js';
import { itemDigest } from '../plan/digest.js';
import type { Decision, Plan, PlanItem } from '../plan/plan-schema.js';
import { itemBindingDigest } from './binding.js';
import { decisionPayload, decisionScope } from './decisions.js';
import { verifySeal, type SealProblem, type SealVerdict } from './seal.js';
import { verifyEntry, type SignatureProblem } from './sign.js';
import type { Stewards } from './stewards.js';

/** Why an approval is refused (stable ids; APPROVAL_INVALID messages name them). */
export type ApprovalReason = SignatureProblem | SealProblem | 'unsigned' | 'item-edited' | 'binding-changed' | 'status-mismatch' | 'two-person';

/** One decision in the trail and whether it holds. */
export interface DecisionCheck {
  readonly decision: Decision;
  /** `valid`, `minim` (a void entry minim wrote: it only withdraws), or why it does not hold. */
  readonly verdict: 'valid' | 'minim' | ApprovalReason;
  readonly steward?: string;
  readonly detail?: string;
}

export interface ApprovalProblem {
  readonly item?: string;
  readonly reason: ApprovalReason;
  readonly steward?: string;
  readonly detail: string;
}

export interface ItemVerification {
  readonly id: string;
  readonly status: PlanItem['status'];
  readonly action: string;
  /** Stewards whose valid approvals (or retain decision) carry the current status. */
  readonly deciders: string[];
  readonly needed: number;
  readonly trail: DecisionCheck[];
  /** Why the item's status is not carried by valid signatures (refused when approved or retained). */
  readonly problem?: ApprovalProblem;
}

export interface PlanVerification {
  readonly stewards: string;
  readonly seal: SealVerdict;
  readonly items: ItemVerification[];
  /** Everything that refuses the plan: forged entries anywhere, approvals that do not hold, the seal. */
  readonly problems: ApprovalProblem[];
}

const FORGED = new Set<string>(['bad-signature', 'signer-mismatch']);

function checkDecision(plan: Plan, item: PlanItem, d: Decision, stewards: Stewards, digest: string, binding: string): DecisionCheck {
  if (d.decision === 'voided' && !d.signature) return { decision: d, verdict: 'minim', detail: 'withdrawn by minim: the item changed on re-plan' };
  if (!d.signature || !d.keyId) return { decision: d, verdict: 'unsigned', detail: `${d.decision} by ${d.by} carries no signature (plan version 1 or typed by hand)` };
  const v = verifyEntry(decisionPayload(item.id, d), d.signature, stewards, d.decision === 'voided' ? undefined : decisionScope(plan, item, d.decision));
  if (!v.ok) return { decision: d, verdict: v.reason, ...(v.steward ? { steward: v.steward.name } : {}), detail: v.detail };
  if (d.digest !== digest) return { decision: d, verdict: 'item-edited', steward: v.steward.name, detail: `the item changed after ${v.steward.name} signed it (signed ${d.digest.slice(0, 19)}…, now ${digest.slice(0, 19)}…)` };
  if (d.binding !== binding) return { decision: d, verdict: 'binding-changed', steward: v.steward.name, detail: `the plan's source binding (server, database or table fingerprint) changed after ${v.steward.name} signed` };
  return { decision: d, verdict: 'valid', steward: v.steward.name };
}

function verifyItem(plan: Plan, item: PlanItem, stewards: Stewards): ItemVerification {
  const digest = itemDigest(item);
  const binding = itemBindingDigest(plan, item);
  const trail = item.decisions.map((d) => checkDecision(plan, item, d, stewards, digest, binding));
  const needed = item.status === 'approved' && stewards.twoPerson.includes(item.action) ? 2 : 1;
  const base = { id: item.id, status: item.status, action: item.action, needed, trail };
  const problem = (reason: ApprovalReason, detail: string, steward?: string): ItemVerification => ({
    ...base,
    deciders: [],
    problem: { item: item.id, reason, detail, ...(steward ? { steward } : {}) },
  });
  const forged = trail.find((t) => FORGED.has(t.verdict));
  if (forged) return problem(forged.verdict as ApprovalReason, forged.detail ?? forged.verdict, forged.steward ?? forged.decision.by);
  if (item.status !== 'approved' && item.status !== 'retained') {
    return { ...base, deciders: [] };
  }
  // The run of decisions that carries the status: the trailing approvals, or the last retain.
  const want = item.status === 'approved' ? 'approved' : 'retained';
  let start = trail.length;
  while (start > 0 && trail[start - 1]!.decision.decision === want && (want === 'approved' || start === trail.length)) start--;
  const run = trail.slice(start);
  if (run.length === 0) {
    const last = item.decisions.at(-1);
    return problem('status-mismatch', `status is ${item.status} but ${last ? `the last decision is ${last.decision} by ${last.by}` : 'no decision is recorded'}`, last?.by);
  }
  const valid = run.filter((t) => t.verdict === 'valid');
  const deciders = [...new Set(valid.map((t) => t.steward!))];
  if (deciders.length >= needed) return { ...base, deciders };
  const bad = [...run].reverse().find((t) => t.verdict !== 'valid');
  if (bad) return problem(bad.verdict as ApprovalReason, bad.detail ?? String(bad.verdict), bad.steward ?? bad.decision.by);
  return problem('two-person', `${item.action} needs ${needed} distinct stewards' approvals (stewards.yaml policy.twoPerson); it has ${deciders.length}: ${deciders.join(', ')}`, deciders[0]);
}

/** Verifies every decision and the seal of `plan` against `stewards`. */
export function verifyPlan(plan: Plan, stewards: Stewards): PlanVerification {
  const items = plan.items.map((i) => verifyItem(plan, i, stewards));
  const seal = verifySeal(plan, stewards);
  const problems: ApprovalProblem[] = items.flatMap((i) => (i.problem ? [i.problem] : []));
  // An unsealed plan that grants nothing (no approved or retained item) is merely not yet decided.
  const grants = plan.items.some((i) => i.status === 'approved' || i.status === 'retained');
  if (!seal.ok && (grants || seal.reason !== 'seal-missing')) problems.push({ reason: seal.reason, detail: seal.detail, ...(seal.steward ? { steward: seal.steward } : {}) });
  return { stewards: stewards.path, seal, items, problems };
}

/** One line for a problem: `item X: [reason] detail (steward Y)`. */
export function problemLine(p: ApprovalProblem): string {
  return `${p.item ? `item ${p.item}` : 'plan'}: [${p.reason}] ${p.detail}${p.steward ? ` (steward ${p.steward})` : ''}`;
}

/** Throws APPROVAL_INVALID naming the first problem (item, reason, steward) when the plan does not verify. */
export function assertPlanVerifies(v: PlanVerification, planFile: string, what = 'nothing was run'): void {
  if (v.problems.length === 0) return;
  const first = v.problems[0]!;
  const more = v.problems.length > 1 ? ` (and ${v.problems.length - 1} more problem(s); minim verify ${planFile} lists them)` : '';
  throw new MinimError('APPROVAL_INVALID', `plan ${planFile}: ${problemLine(first)}${more}; ${what}`, { subject: first.item ?? planFile });
}
