/** Stewards' decisions: select items and append approve/reject decisions to their trail. */
import { userInfo } from 'node:os';
import { MinimError } from '../errors.js';
import { itemDigest } from './digest.js';
import type { Plan, PlanItem } from './plan-schema.js';

export type Verdict = 'approved' | 'rejected';

export interface Selection {
  readonly ids?: readonly string[];
  readonly all?: boolean;
  readonly category?: string;
  readonly source?: string;
}

/** The items a selection names: explicit ids (each must exist), or --all filtered by category/source. */
export function selectItems(plan: Plan, sel: Selection, file: string): PlanItem[] {
  const ids = sel.ids ?? [];
  if (ids.length > 0 && sel.all) throw new MinimError('USAGE', 'give item ids or --all, not both');
  if (ids.length === 0 && !sel.all) throw new MinimError('USAGE', 'name the items to decide (ITEM…) or pass --all');
  if (ids.length > 0) {
    const byId = new Map(plan.items.map((i) => [i.id, i]));
    return ids.map((id) => {
      const item = byId.get(id);
      if (!item) throw new MinimError('USAGE', `plan ${file}: no item ${id}; list ids with minim review or minim report`, { subject: file });
      return item;
    });
  }
  return plan.items.filter(
    (i) => i.status !== 'obsolete' && (!sel.category || i.category === sel.category) && (!sel.source || i.source === sel.source),
  );
}

export interface DecisionInput {
  readonly verdict: Verdict;
  readonly by: string;
  readonly reason: string;
  readonly now?: Date;
}

/** Appends a decision to each selected item (by id) and returns the new plan and how many changed. */
export function decide(plan: Plan, selected: readonly PlanItem[], input: DecisionInput): { plan: Plan; decided: PlanItem[] } {
  if (!input.by.trim()) throw new MinimError('USAGE', 'a decision needs --by NAME (or MINIM_USER)');
  if (!input.reason.trim()) throw new MinimError('USAGE', 'a decision needs --reason TEXT: say why');
  const at = (input.now ?? new Date()).toISOString();
  const ids = new Set(selected.map((i) => i.id));
  const obsolete = selected.find((i) => i.status === 'obsolete');
  if (obsolete) throw new MinimError('USAGE', `item ${obsolete.id} is obsolete (${obsolete.note ?? 'no longer proposed'}); it cannot be decided`);
  const decided: PlanItem[] = [];
  const items = plan.items.map((item) => {
    if (!ids.has(item.id)) return item;
    const next: PlanItem = {
      ...item,
      status: input.verdict,
      decisions: [...item.decisions, { by: input.by.trim(), at, decision: input.verdict, reason: input.reason.trim(), digest: itemDigest(item) }],
    };
    decided.push(next);
    return next;
  });
  return { plan: { ...plan, updatedAt: at, items }, decided };
}

/** Who decides when --by is not given: $MINIM_USER, else the OS user. */
export function defaultActor(env: NodeJS.ProcessEnv): string {
  if (env['MINIM_USER']) return env['MINIM_USER'];
  try {
    return userInfo().username;
  } catch {
    return env['USER'] ?? '';
  }
}
