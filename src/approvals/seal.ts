/**
 * The plan's seal: one steward's signature over the ordered (item id, item digest, decisions
 * digest) list and every source's binding, so an item added, removed or reordered, a decision
 * removed from a trail, or a source edited, is detected.
 * minim re-seals whenever a steward's key writes the plan (plan, approve, reject, review,
 * steward seal); any steward in stewards.yaml who is not revoked may seal.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, itemDigest } from '../plan/digest.js';
import type { Plan, Seal } from '../plan/plan-schema.js';
import { sourceBindingDigest } from './binding.js';
import type { SigningKey } from './keys.js';
import { signEntry, verifyEntry, type SignedPayload } from './sign.js';
import type { Stewards } from './stewards.js';
import { MinimError } from '../errors.js';

export const SEAL_TYPE = 'minim-seal/1';

/** Digest of an item's whole decision trail (a removed or reordered decision changes it). */
export function decisionsDigest(decisions: readonly unknown[]): string {
  return 'sha256:' + createHash('sha256').update(canonicalJson(decisions)).digest('hex');
}

export function sealPayload(plan: Plan, seal: Pick<Seal, 'by' | 'at' | 'keyId'>): SignedPayload {
  return {
    type: SEAL_TYPE,
    items: plan.items.map((i) => [i.id, itemDigest(i), decisionsDigest(i.decisions)]),
    sources: plan.sources.map((s) => [s.name, sourceBindingDigest(s)]),
    at: seal.at,
    by: seal.by,
    keyId: seal.keyId,
  };
}

/** The plan with a fresh seal by `key` (whose stewards.yaml name is `by`). */
export function sealPlan(plan: Plan, key: SigningKey, by: string, at: string): Plan {
  const base = { by, at, keyId: key.keyId };
  const { seal: _old, ...rest } = plan;
  const unsealed = rest as Plan;
  return { ...unsealed, seal: { ...base, ids: plan.items.map((i) => i.id), signature: signEntry(sealPayload(unsealed, base), key) } };
}

/** Why a seal does not hold (stable ids). */
export type SealProblem = 'seal-missing' | 'seal-items-added' | 'seal-items-removed' | 'seal-items-reordered' | 'seal-unknown-key' | 'seal-revoked' | 'seal-signer-mismatch' | 'seal-bad-signature';

export type SealVerdict = { ok: true; by: string; at: string } | { ok: false; reason: SealProblem; steward?: string; detail: string };

const few = (xs: string[]) => xs.slice(0, 3).join(', ') + (xs.length > 3 ? ` and ${xs.length - 3} more` : '');

export function verifySeal(plan: Plan, stewards: Stewards): SealVerdict {
  const seal = plan.seal;
  if (!seal) return { ok: false, reason: 'seal-missing', detail: 'the plan has no seal; a steward seals it with minim steward seal PLAN (approve and review seal too)' };
  const now = plan.items.map((i) => i.id);
  const sealed = new Set(seal.ids);
  const current = new Set(now);
  const added = now.filter((id) => !sealed.has(id));
  const removed = seal.ids.filter((id) => !current.has(id));
  if (added.length > 0) return { ok: false, reason: 'seal-items-added', steward: seal.by, detail: `item(s) added after ${seal.by} sealed the plan: ${few(added)}` };
  if (removed.length > 0) return { ok: false, reason: 'seal-items-removed', steward: seal.by, detail: `item(s) removed after ${seal.by} sealed the plan: ${few(removed)}` };
  const moved = now.findIndex((id, i) => seal.ids[i] !== id);
  if (moved >= 0) return { ok: false, reason: 'seal-items-reordered', steward: seal.by, detail: `items reordered after ${seal.by} sealed the plan (first at position ${moved + 1}: ${now[moved]})` };
  const v = verifyEntry(sealPayload(plan, seal), seal.signature, stewards);
  if (!v.ok) {
    const reason: SealProblem = v.reason === 'unknown-key' ? 'seal-unknown-key' : v.reason === 'revoked' ? 'seal-revoked' : v.reason === 'signer-mismatch' ? 'seal-signer-mismatch' : 'seal-bad-signature';
    const detail = v.reason === 'bad-signature' ? `an item, a decision in its trail or a source binding changed after ${seal.by} sealed the plan` : v.detail;
    return { ok: false, reason, ...(v.steward ? { steward: v.steward.name } : { steward: seal.by }), detail: `seal: ${detail}` };
  }
  return { ok: true, by: v.steward.name, at: seal.at };
}

/**
 * Before a steward's key re-seals a plan: a seal that no longer holds means someone changed the
 * plan by hand since; re-sealing would bless that change, so deciding stops and says so.
 */
export function assertSealIntact(plan: Plan, stewards: Stewards, file: string): void {
  if (!plan.seal) return;
  let v = verifySeal(plan, stewards);
  if (!v.ok && v.reason === 'seal-revoked') {
    // The sealer was revoked since: the plan is intact if their signature still holds under their key.
    const unrevoked = new Map([...stewards.byKeyId].map(([k, s]) => [k, { ...s, revoked: undefined }]));
    v = verifySeal(plan, { ...stewards, byKeyId: unrevoked });
  }
  if (v.ok) return;
  throw new MinimError(
    'APPROVAL_INVALID',
    `plan ${file}: [${v.reason}] ${v.detail}; nothing was signed — inspect it with minim verify ${file}, restore it, or if the change is intended seal it deliberately with minim steward seal ${file}`,
    { subject: file },
  );
}
