/**
 * Ignore entries are signed like plan decisions: ed25519 through the shared steward module
 * (src/approvals), against the keys and scopes of stewards.yaml. A steward may only ignore a
 * category inside their scope; a revoked or unknown key suppresses nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { SigningKey } from '../approvals/keys.js';
import { signEntry, verifyEntry } from '../approvals/sign.js';
import { parseStewards, type Stewards } from '../approvals/stewards.js';
import { MinimError } from '../errors.js';
import { ignorePayload, type IgnoreEntry, type IgnoreVerifier } from './ignore.js';

/** The source part of an entry's column pattern, when it names one source without a glob. */
function sourceOf(column: string): string | undefined {
  const first = column.split('.')[0] ?? '';
  return first && !/[*?[\]{}]/.test(first) ? first : undefined;
}

/** A verifier over the stewards file at `path`; no file → every entry is refused as unverifiable. */
export function stewardsVerifier(path: string | undefined): IgnoreVerifier {
  let stewards: Stewards | undefined;
  if (path && existsSync(path)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new MinimError('FILE_NOT_FOUND', `${path}: cannot read the stewards file; pass --stewards FILE`, { cause: e, subject: path });
    }
    stewards = parseStewards(text, path);
  }
  return {
    verify(entry, payload) {
      if (!entry.signature || !entry.keyId) return { ok: false, why: 'unsigned (sign it with minim ignore)' };
      if (!stewards) return { ok: false, why: 'no stewards.yaml to verify it against' };
      const source = sourceOf(entry.column);
      const v = verifyEntry(payload, entry.signature, stewards, {
        ...(source ? { source } : {}),
        ...(entry.category !== '*' ? { category: entry.category } : {}),
      });
      return v.ok ? { ok: true } : { ok: false, why: `${v.reason}: ${v.detail}` };
    },
  };
}

/** Signs an entry with a steward's key: `steward` and `keyId` come from the key, never from the caller. */
export function signIgnore(entry: Omit<IgnoreEntry, 'steward' | 'keyId' | 'signature'>, key: SigningKey): IgnoreEntry {
  const unsigned: IgnoreEntry = { ...entry, steward: key.name, keyId: key.keyId };
  return { ...unsigned, signature: signEntry(ignorePayload(unsigned), key) };
}
