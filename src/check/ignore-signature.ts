/**
 * Verifies ignore entries with ed25519 against the public keys in stewards.yaml (node:crypto).
 * NOTE: a stand-in for the shared steward-signing module (src/approvals, `verifyEntry`), which
 * replaces this one file at merge; only `stewardsVerifier` and `signIgnore` are used elsewhere.
 * stewards.yaml: `stewards: [{ id, publicKey }]`, publicKey a PEM (SPKI) or base64 SPKI DER.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { MinimError } from '../errors.js';
import { ignorePayload, type IgnoreEntry, type IgnoreVerifier } from './ignore.js';

export const DEFAULT_STEWARDS_FILE = 'stewards.yaml';

function publicKey(text: string): KeyObject {
  return text.includes('BEGIN') ? createPublicKey(text) : createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
}

/** A verifier over the stewards file at `path`; no file → every entry is refused as unverifiable. */
export function stewardsVerifier(path: string | undefined): IgnoreVerifier {
  const keys = new Map<string, KeyObject>();
  if (path && existsSync(path)) {
    let raw: { stewards?: Array<{ id?: unknown; publicKey?: unknown }> } | null;
    try {
      raw = parseYaml(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new MinimError('FILE_INVALID', `stewards file ${path}: not valid YAML; fix the file`, { cause: e, subject: path });
    }
    for (const [i, s] of (raw?.stewards ?? []).entries()) {
      if (typeof s?.id !== 'string' || typeof s.publicKey !== 'string') {
        throw new MinimError('FILE_INVALID', `stewards file ${path}: stewards[${i}] needs id and publicKey`, { subject: path });
      }
      try {
        keys.set(s.id, publicKey(s.publicKey));
      } catch (e) {
        throw new MinimError('FILE_INVALID', `stewards file ${path}: stewards[${i}] (${s.id}): publicKey is not an ed25519 public key`, { cause: e, subject: path });
      }
    }
  }
  return {
    verify(entry, payload) {
      if (!entry.signature) return { ok: false, why: 'unsigned' };
      const key = keys.get(entry.steward);
      if (!key) return { ok: false, why: path && existsSync(path) ? `steward ${entry.steward} is not in ${path}` : 'no stewards.yaml to verify it against' };
      let good = false;
      try {
        good = verify(null, payload, key, Buffer.from(entry.signature, 'base64'));
      } catch {
        good = false;
      }
      return good ? { ok: true } : { ok: false, why: `signature of ${entry.steward} does not verify (edited after signing, or another key)` };
    },
  };
}

/** Signs an entry with a steward's ed25519 private key (PEM, PKCS#8): the entry with `signature` set. */
export function signIgnore(entry: IgnoreEntry, privateKeyPem: string): IgnoreEntry {
  const { signature: _old, ...rest } = entry;
  const signature = sign(null, ignorePayload(rest), createPrivateKey(privateKeyPem)).toString('base64');
  return { ...rest, signature };
}
