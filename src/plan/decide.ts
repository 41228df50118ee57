/**
 * Stewards' decisions: select items and append signed approve / reject / retain decisions to
 * their trail, then re-seal the plan with the same key (src/approvals).
 */
import { MinimError } from '../errors.js';
import { REPORT_AT } from '../classify/column.js';
import type { SigningKey } from '../approvals/keys.js';
import type { Stewards } from '../approvals/stewards.js';
import { outOfScope } from '../approvals/stewards.js';
import { bindingMissing } from '../approvals/binding.js';
import { decisionScope, signDecision, signerOf } from '../approvals/decisions.js';
import { assertSealIntact, sealPlan } from '../approvals/seal.js';
import type { Plan, PlanItem } from './plan-schema.js';
import { nameContradicts } from './name-contradicts.js';

export type Verdict = 'approved' | 'rejected' | 'retained';

/** `approve --all` takes findings at or above this confidence unless --min-confidence says otherwise. */
export const DEFAULT_MIN_CONFIDENCE = Math.round((REPORT_AT + 0.2) * 100) / 100;

export interface Selection {
  readonly ids?: readonly string[];
  readonly all?: boolean;
  readonly category?: string;
  readonly source?: string;
  /** With --all: only findings at or above this confidence (default DEFAULT_MIN_CONFIDENCE when approving). */
  readonly minConfidence?: number;
  /** With --all: leave out items whose column name contradicts what the values say (approving). */
  readonly guardNames?: boolean;
}

export interface SelectionResult {
  readonly items: PlanItem[];
  /** Items --all left out, and why (shown to the steward). */
  readonly left: Array<{ id: string; why: string }>;
}

const listOf = (xs: Iterable<string>) => {
  const all = [...new Set(xs)].sort();
  return all.length > 12 ? `${all.slice(0, 12).join(', ')} … (${all.length} in all)` : all.join(', ');
};

/** The items a selection names: explicit ids (each must exist), or --all filtered by category/source/confidence/name. */
export function selectItems(plan: Plan, sel: Selection, file: string): SelectionResult {
  const ids = sel.ids ?? [];
  if (ids.length > 0 && sel.all) throw new MinimError('USAGE', 'give item ids or --all, not both');
  if (ids.length === 0 && !sel.all) throw new MinimError('USAGE', 'name the items to decide (ITEM…) or pass --all');
  if (sel.category && !plan.items.some((i) => i.category === sel.category || (i.redact ?? []).includes(sel.category!))) {
    throw new MinimError('USAGE', `plan ${file}: no item of category "${sel.category}"; categories in the plan: ${listOf(plan.items.map((i) => i.category))}`, { subject: file });
  }
  if (sel.source && !plan.items.some((i) => i.source === sel.source)) {
    throw new MinimError('USAGE', `plan ${file}: no source "${sel.source}"; sources in the plan: ${listOf(plan.items.map((i) => i.source))}`, { subject: file });
  }
  if (ids.length > 0) {
    const byId = new Map(plan.items.map((i) => [i.id, i]));
    const unknown = ids.filter((id) => !byId.has(id));
    if (unknown.length > 0) {
      const near = plan.items.filter((i) => unknown.some((u) => i.id.toLowerCase().includes(u.toLowerCase().split(':')[0]!.split('.').at(-1) ?? '')));
      const hint = near.length > 0 && near.length <= 12 ? `similar ids: ${listOf(near.map((i) => i.id))}` : `ids in the plan: ${listOf(plan.items.map((i) => i.id))}`;
      throw new MinimError('USAGE', `plan ${file}: no item ${unknown.join(', ')}; ${hint}`, { subject: file });
    }
    return { items: ids.map((id) => byId.get(id)!), left: [] };
  }
  const left: Array<{ id: string; why: string }> = [];
  const items = plan.items.filter((i) => {
    if (i.status === 'obsolete') return false;
    if (sel.category && i.category !== sel.category) return false;
    if (sel.source && i.source !== sel.source) return false;
    if (i.blocked) {
      left.push({ id: i.id, why: `blocked: ${i.blocked}` });
      return false;
    }
    if (sel.minConfidence !== undefined && i.evidence.confidence < sel.minConfidence) {
      left.push({ id: i.id, why: `confidence ${i.evidence.confidence} is below --min-confidence ${sel.minConfidence}` });
      return false;
    }
    if (sel.guardNames) {
      const why = nameContradicts(i);
      if (why) {
        left.push({ id: i.id, why });
        return false;
      }
    }
    return true;
  });
  return { items, left };
}

export interface DecisionInput {
  readonly verdict: Verdict;
  readonly reason: string;
  /** retained: the legal basis the data is kept on (required). */
  readonly legalBasis?: string;
  readonly key: SigningKey;
  readonly stewards: Stewards;
  /** --all: leave out items outside the steward's scope instead of refusing. */
  readonly skipOutOfScope?: boolean;
  readonly now?: Date;
  /** The plan file, named in errors. */
  readonly file?: string;
}

export interface DecideResult {
  readonly plan: Plan;
  readonly decided: PlanItem[];
  readonly outOfScope: Array<{ id: string; why: string }>;
  /** The stewards.yaml name the decisions were signed as. */
  readonly by: string;
}

/** Appends a signed decision to each selected item and re-seals the plan with the same key. */
export function decide(plan: Plan, selected: readonly PlanItem[], input: DecisionInput): DecideResult {
  if (!input.reason.trim()) throw new MinimError('USAGE', 'a decision needs --reason TEXT: say why');
  if (input.verdict === 'retained' && !input.legalBasis?.trim()) throw new MinimError('USAGE', 'retaining needs --legal-basis TEXT: the law or rule the data is kept under');
  const unbound = bindingMissing(plan);
  if (unbound) throw new MinimError('USAGE', `${unbound}; re-run minim plan --scan SCAN --out PLAN to bind it to its database (decisions carry over as unsigned), then decide again`);
  const signer = signerOf(input.key, input.stewards);
  if ('refused' in signer) throw new MinimError('USAGE', signer.refused);
  assertSealIntact(plan, input.stewards, input.file ?? 'plan');
  const steward = input.stewards.byKeyId.get(input.key.keyId)!;
  const at = (input.now ?? new Date()).toISOString();
  const obsolete = selected.find((i) => i.status === 'obsolete');
  if (obsolete) throw new MinimError('USAGE', `item ${obsolete.id} is obsolete (${obsolete.note ?? 'no longer proposed'}); it cannot be decided`);
  const blocked = input.verdict === 'approved' ? selected.find((i) => i.blocked) : undefined;
  if (blocked) throw new MinimError('USAGE', `item ${blocked.id} cannot be approved: ${blocked.blocked}`, { subject: blocked.id });
  const scoped: PlanItem[] = [];
  const skipped: Array<{ id: string; why: string }> = [];
  for (const item of selected) {
    const why = outOfScope(steward.scope, decisionScope(plan, item, input.verdict));
    if (!why) scoped.push(item);
    else if (input.skipOutOfScope) skipped.push({ id: item.id, why });
    else throw new MinimError('USAGE', `item ${item.id}: ${steward.name} may not decide it (${why} in ${input.stewards.path})`, { subject: item.id });
  }
  const ids = new Set(scoped.map((i) => i.id));
  const decided: PlanItem[] = [];
  const items = plan.items.map((item) => {
    if (!ids.has(item.id)) return item;
    const d = signDecision(plan, item, { decision: input.verdict, reason: input.reason.trim(), ...(input.legalBasis ? { legalBasis: input.legalBasis.trim() } : {}), at, key: input.key, by: signer.name });
    const next: PlanItem = { ...item, status: input.verdict, decisions: [...item.decisions, d] };
    decided.push(next);
    return next;
  });
  const next = sealPlan({ ...plan, version: 2, updatedAt: at, items }, input.key, signer.name, at);
  return { plan: next, decided, outOfScope: skipped, by: signer.name };
}
