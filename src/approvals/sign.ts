/**
 * Signing and verifying one entry (a decision, a seal, a monitoring "ignore"): ed25519 over the
 * canonical JSON of a payload (object keys sorted at every level). The payload names its own type
 * (`minim-decision/1`, `minim-seal/1`, …) so a signature made for one kind of entry never verifies
 * as another, and the signer's key id, which selects the steward in stewards.yaml.
 */
import { sign, verify } from 'node:crypto';
import { canonicalJson } from '../util/canonical-json.js';
import type { SigningKey } from './keys.js';
import { outOfScope, type ScopeQuery, type Steward, type Stewards } from './stewards.js';

/** What is signed: any JSON object that names its type and the signer's key id (and, when it has one, `by`). */
export interface SignedPayload {
  readonly type: string;
  readonly keyId: string;
  /** The signer's name as written in the file; must be the stewards.yaml name of `keyId`. */
  readonly by?: string;
  readonly [field: string]: unknown;
}

/** Why a signature does not count. Stable ids: messages and tests name them. */
export const SIGNATURE_PROBLEMS = ['unknown-key', 'revoked', 'signer-mismatch', 'bad-signature', 'out-of-scope'] as const;
export type SignatureProblem = (typeof SIGNATURE_PROBLEMS)[number];

export type EntryVerdict =
  | { readonly ok: true; readonly steward: Steward }
  | { readonly ok: false; readonly reason: SignatureProblem; readonly steward?: Steward; readonly detail: string };

/** The bytes a signature covers. */
export function signedBytes(payload: SignedPayload): Buffer {
  return Buffer.from(canonicalJson(payload), 'utf8');
}

/** Signs `payload` (whose keyId must be the key's) and returns the signature, base64. */
export function signEntry(payload: SignedPayload, key: SigningKey): string {
  if (payload.keyId !== key.keyId) throw new Error(`signEntry: payload names key ${payload.keyId}, signing key is ${key.keyId}`);
  return sign(null, signedBytes(payload), key.privateKey).toString('base64');
}

/**
 * Verifies `signature` over `payload` against stewards.yaml: the key is a steward's and not
 * revoked, `by` (when present) is that steward's name, the signature holds, and (when `scope` is
 * given) the steward's scope covers it. Checked in that order; the first failure is the reason.
 */
export function verifyEntry(payload: SignedPayload, signature: string, stewards: Stewards, scope?: ScopeQuery): EntryVerdict {
  const steward = stewards.byKeyId.get(payload.keyId);
  if (!steward) return { ok: false, reason: 'unknown-key', detail: `key ${payload.keyId} is not in ${stewards.path}` };
  if (steward.revoked) return { ok: false, reason: 'revoked', steward, detail: `${steward.name} is ${steward.revoked} in ${stewards.path}` };
  if (payload.by !== undefined && payload.by !== steward.name) {
    return { ok: false, reason: 'signer-mismatch', steward, detail: `it says by ${payload.by} but key ${payload.keyId} is ${steward.name}'s` };
  }
  let good = false;
  try {
    good = verify(null, signedBytes(payload), steward.key, Buffer.from(signature, 'base64'));
  } catch {
    good = false;
  }
  if (!good) return { ok: false, reason: 'bad-signature', steward, detail: `${steward.name}'s signature does not match what the entry says (edited after signing)` };
  if (scope) {
    const why = outOfScope(steward.scope, scope);
    if (why) return { ok: false, reason: 'out-of-scope', steward, detail: `${steward.name} may not decide this: ${why}` };
  }
  return { ok: true, steward };
}
