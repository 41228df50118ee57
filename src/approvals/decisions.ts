/** Signed decisions on plan items: what a steward's signature covers, and appending one. */
import { itemDigest } from '../plan/digest.js';
import type { Decision, Plan, PlanItem } from '../plan/plan-schema.js';
import type { SigningKey } from './keys.js';
import { itemBindingDigest } from './binding.js';
import { signEntry, type SignedPayload } from './sign.js';
import type { ScopeQuery, Stewards } from './stewards.js';

export const DECISION_TYPE = 'minim-decision/1';

/** The payload a decision's signature covers: the item (id and digest), the decision, reason, time, binding, key. */
export function decisionPayload(itemId: string, d: Decision): SignedPayload {
  return {
    type: DECISION_TYPE,
    item: itemId,
    digest: d.digest,
    binding: d.binding ?? null,
    decision: d.decision,
    reason: d.reason,
    legalBasis: d.legalBasis ?? null,
    at: d.at,
    by: d.by,
    keyId: d.keyId ?? '',
  };
}

/** What a steward's scope must cover for a decision on `item` (a retain decision is about `retain`). */
export function decisionScope(plan: Plan, item: PlanItem, decision: Decision['decision']): ScopeQuery {
  const source = plan.sources.find((s) => s.name === item.source);
  return {
    source: item.source,
    ...(source?.department ? { department: source.department } : {}),
    category: item.category,
    action: decision === 'retained' ? 'retain' : item.action,
  };
}

export interface SignDecisionInput {
  readonly decision: 'approved' | 'rejected' | 'retained';
  readonly reason: string;
  readonly legalBasis?: string;
  readonly at: string;
  readonly key: SigningKey;
  /** The signer's name as stewards.yaml has it. */
  readonly by: string;
}

/** A signed decision on `item` as it is now in `plan`. */
export function signDecision(plan: Plan, item: PlanItem, input: SignDecisionInput): Decision {
  const unsigned: Decision = {
    by: input.by,
    at: input.at,
    decision: input.decision,
    reason: input.reason,
    ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
    digest: itemDigest(item),
    binding: itemBindingDigest(plan, item),
    keyId: input.key.keyId,
  };
  return { ...unsigned, signature: signEntry(decisionPayload(item.id, unsigned), input.key) };
}

/** The stewards.yaml entry of the signing key, or why it cannot sign. */
export function signerOf(key: SigningKey, stewards: Stewards): { name: string } | { refused: string } {
  const s = stewards.byKeyId.get(key.keyId);
  if (!s) return { refused: `your key ${key.keyId} is not in ${stewards.path}; add the entry minim steward show prints (reviewed like code)` };
  if (s.revoked) return { refused: `your key ${key.keyId} (${s.name}) is ${s.revoked} in ${stewards.path}` };
  return { name: s.name };
}
