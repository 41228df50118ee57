/** Which items migrate may run: refuses tampered approvals (PLAN_TAMPERED), lists the rest as skipped. */
import { MinimError } from '../errors.js';
import { approvalState } from '../plan/digest.js';
import type { Plan, PlanItem } from '../plan/plan-schema.js';

export interface ApprovedSelection {
  readonly approved: PlanItem[];
  /** Items not migrated and why (proposed, rejected, obsolete). */
  readonly skipped: Array<{ id: string; why: string }>;
}

/** Splits a plan into approved items and skipped ones; throws PLAN_TAMPERED naming the first bad item. */
export function selectApproved(plan: Plan, file: string, requireAll = false): ApprovedSelection {
  const approved: PlanItem[] = [];
  const skipped: Array<{ id: string; why: string }> = [];
  const tampered: Array<{ id: string; why: string }> = [];
  for (const item of plan.items) {
    const state = approvalState(item);
    if (state.kind === 'tampered') tampered.push({ id: item.id, why: state.why });
    else if (state.kind === 'approved') approved.push(item);
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
