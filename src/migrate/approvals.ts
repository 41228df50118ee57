/**
 * Which items migrate may run: every signature and the seal must verify against stewards.yaml
 * (APPROVAL_INVALID naming the item, the steward and the reason; src/approvals), then tampered
 * approvals are refused (PLAN_TAMPERED) and the rest listed as skipped.
 */
import { MinimError } from '../errors.js';
import type { Stewards } from '../approvals/stewards.js';
import { assertPlanVerifies, verifyPlan } from '../approvals/verify.js';
import { approvalState } from '../plan/digest.js';
import type { Plan, PlanItem } from '../plan/plan-schema.js';

export interface ApprovedSelection {
  readonly approved: PlanItem[];
  /** Items not migrated and why (proposed, rejected, obsolete). */
  readonly skipped: Array<{ id: string; why: string }>;
}

/** Splits a plan into approved items and skipped ones; throws PLAN_TAMPERED naming the first bad item. */
export function selectApproved(plan: Plan, file: string, stewards: Stewards, requireAll = false): ApprovedSelection {
  if (plan.version === 1 && plan.items.some((i) => i.status === 'approved')) {
    throw new MinimError('APPROVAL_INVALID', `plan ${file}: [unsigned] plan version 1 carries unsigned approvals, which are never applied; re-run minim plan to bind it, then stewards approve with their keys (minim steward init)`, { subject: file });
  }
  assertPlanVerifies(verifyPlan(plan, stewards), file);
  const approved: PlanItem[] = [];
  const skipped: Array<{ id: string; why: string }> = [];
  const tampered: Array<{ id: string; why: string }> = [];
  for (const item of plan.items) {
    const state = approvalState(item);
    if (state.kind === 'tampered') tampered.push({ id: item.id, why: state.why });
    else if (state.kind === 'approved') approved.push(item);
    else if (state.kind === 'retained') skipped.push({ id: item.id, why: `retained (${state.decision.legalBasis ?? 'legal basis'})` });
    else if (requireAll && item.status === 'proposed') tampered.push({ id: item.id, why: 'no approval (--require-all)' });
    else skipped.push({ id: item.id, why: item.status === 'proposed' ? 'not approved' : item.status });
  }
  if (tampered.length > 0) {
    const first = tampered[0]!;
    const more = tampered.length > 1 ? ` (and ${tampered.length - 1} more item(s))` : '';
    throw new MinimError(
      'PLAN_TAMPERED',
      `plan ${file}: item ${first.id}: ${first.why}${more}; nothing was run — re-approve with minim approve or restore the plan`,
      { subject: first.id },
    );
  }
  return { approved, skipped };
}

/** The items of one source whose columns the live schema must still match (everything not obsolete). */
export function namedItems(plan: Plan, source: string): PlanItem[] {
  return plan.items.filter((i) => i.source === source && i.status !== 'obsolete');
}
