/**
 * A steward's signing key: ed25519 through node:crypto (no native dependency). The private key
 * lives in the user's config directory (mode 0600), optionally passphrase-encrypted (PKCS#8
 * encrypted PEM), or is an existing unencrypted OpenSSH ed25519 key the steward already signs
 * git commits with (referenced, never copied).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { MinimError } from '../errors.js';
import { formatSshPublic, parseOpenSshPrivate, parseSshPublic, publicBlob } from './openssh.js';

/** A key that can sign: who it belongs to (as the steward said at `steward init`) and the key itself. */
export interface SigningKey {
  /** `SHA256:<base64>`: the OpenSSH fingerprint of the public key (`ssh-keygen -lf` prints the same). */
  readonly keyId: string;
  /** `ssh-ed25519 AAAA…`: the line stewards.yaml carries. */
  readonly publicKey: string;
  readonly privateKey: KeyObject;
  readonly name: string;
  readonly email: string;
}

/** The environment variable read for the key's passphrase unless --passphrase-env names another. */
export const DEFAULT_PASSPHRASE_ENV = 'MINIM_STEWARD_PASSPHRASE';
const IDENTITY_FILE = 'steward.json';
const KEY_FILE = 'steward.key';

const identitySchema = z
  .object({
    version: z.literal(1),
    name: z.string().min(1),
    email: z.string().min(1),
    publicKey: z.string().min(1),
    keyId: z.string().min(1),
    privateKey: z.object({ format: z.enum(['pkcs8', 'openssh']), file: z.string().min(1), encrypted: z.boolean() }).strict(),
  })
  .strict();
export type StewardIdentity = z.infer<typeof identitySchema>;

/** minim's config directory: $MINIM_CONFIG_DIR, else $XDG_CONFIG_HOME/minim, else ~/.config/minim. */
export function configDir(env: NodeJS.ProcessEnv): string {
  if (env['MINIM_CONFIG_DIR']) return resolve(env['MINIM_CONFIG_DIR']);
  if (env['XDG_CONFIG_HOME']) return join(resolve(env['XDG_CONFIG_HOME']), 'minim');
  return join(env['HOME'] || homedir(), '.config', 'minim');
}

/** The key id of a raw 32-byte ed25519 public key: the OpenSSH SHA256 fingerprint. */
export function keyIdOf(raw: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(publicBlob(raw)).digest('base64').replace(/=+$/, '');
}

/** The raw 32-byte public key of a node KeyObject (private or public). */
export function rawPublic(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = pub.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.x) throw new MinimError('FILE_INVALID', 'the key is not an ed25519 key', {});
  return Buffer.from(jwk.x, 'base64url');
}

/** A node public KeyObject from a raw 32-byte ed25519 key. */
export function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** A node private KeyObject from an ed25519 seed and its public key. */
function privateFromSeed(seed: Buffer, pub: Buffer): KeyObject {
  return createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x: pub.toString('base64url') }, format: 'jwk' });
}

export interface InitOptions {
  readonly name: string;
  readonly email: string;
  /** Encrypt the new key with this passphrase (PKCS#8, aes-256-cbc). */
  readonly passphrase?: string;
  /** Reuse this unencrypted OpenSSH ed25519 private key instead of making a new one. */
  readonly sshKeyPath?: string;
  /** Replace an existing steward key. */
  readonly force?: boolean;
}

/** Makes (or adopts) the steward's key and records who it belongs to. Returns the identity written. */
export async function initSteward(options: InitOptions, env: NodeJS.ProcessEnv): Promise<{ identity: StewardIdentity; dir: string }> {
  const name = options.name.trim();
  const email = options.email.trim();
  if (!name) throw new MinimError('USAGE', 'steward init needs --name "Full Name"');
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new MinimError('USAGE', `steward init needs --email ADDRESS (got "${email}")`);
  const dir = configDir(env);
  const idPath = join(dir, IDENTITY_FILE);
  if (existsSync(idPath) && !options.force) {
    throw new MinimError('USAGE', `a steward key already exists in ${dir}; minim steward show prints it (pass --force to replace it, which voids nothing already signed but needs a stewards.yaml change)`);
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let raw: Buffer;
  let privateKey: StewardIdentity['privateKey'];
  if (options.sshKeyPath) {
    const file = resolve(options.sshKeyPath);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new MinimError('FILE_NOT_FOUND', `${file}: cannot read the OpenSSH key`, { cause: e, subject: file });
    }
    raw = parseOpenSshPrivate(text, file).publicKey;
    privateKey = { format: 'openssh', file, encrypted: false };
  } else {
    const pair = generateKeyPairSync('ed25519');
    raw = rawPublic(pair.publicKey);
    const pem = options.passphrase
      ? pair.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: options.passphrase })
      : pair.privateKey.export({ type: 'pkcs8', format: 'pem' });
    await writeSecret(join(dir, KEY_FILE), String(pem));
    privateKey = { format: 'pkcs8', file: KEY_FILE, encrypted: !!options.passphrase };
  }
  const identity: StewardIdentity = { version: 1, name, email, publicKey: formatSshPublic(raw, email), keyId: keyIdOf(raw), privateKey };
  await writeSecret(idPath, JSON.stringify(identity, null, 2) + '\n');
  return { identity, dir };
}

/** Writes a file readable by its owner only (0600), atomically. */
async function writeSecret(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}

/** The steward identity in the config directory, or undefined when `steward init` was never run. */
export async function readIdentity(env: NodeJS.ProcessEnv): Promise<StewardIdentity | undefined> {
  const path = join(configDir(env), IDENTITY_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new MinimError('FILE_INVALID', `${path}: not valid JSON; run minim steward init --force`, { cause: e, subject: path });
  }
  const parsed = identitySchema.safeParse(raw);
  if (!parsed.success) throw new MinimError('FILE_INVALID', `${path}: not a minim steward identity; run minim steward init --force`, { subject: path });
  return parsed.data;
}

export interface LoadKeyOptions {
  /** The passphrase of an encrypted key (callers read it from the environment or a prompt). */
  readonly passphrase?: string;
}

/** Loads the signing key; NO_KEY-style USAGE error when there is none, FILE_INVALID when it is unreadable. */
export async function loadSigningKey(env: NodeJS.ProcessEnv, options: LoadKeyOptions = {}): Promise<SigningKey> {
  const identity = await readIdentity(env);
  const dir = configDir(env);
  if (!identity) throw new MinimError('USAGE', `no steward key in ${dir}; run minim steward init --name "Full Name" --email you@example.org first`);
  const file = resolve(dir, identity.privateKey.file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new MinimError('FILE_NOT_FOUND', `${file}: the steward's private key is missing; run minim steward init --force`, { cause: e, subject: file });
  }
  let privateKey: KeyObject;
  if (identity.privateKey.format === 'openssh') {
    const k = parseOpenSshPrivate(text, file);
    privateKey = privateFromSeed(k.seed, k.publicKey);
  } else {
    if (identity.privateKey.encrypted && !options.passphrase) {
      throw new MinimError('USAGE', `the steward key in ${dir} is passphrase-protected; set ${DEFAULT_PASSPHRASE_ENV} (or the variable --passphrase-env names), or run on a terminal to be asked`);
    }
    try {
      privateKey = createPrivateKey(identity.privateKey.encrypted ? { key: text, format: 'pem', passphrase: options.passphrase! } : { key: text, format: 'pem' });
    } catch (e) {
      throw new MinimError('AUTH_FAILED', `${file}: cannot unlock the steward key (wrong passphrase?)`, { cause: e, subject: file });
    }
  }
  const raw = rawPublic(privateKey);
  if (keyIdOf(raw) !== identity.keyId) {
    throw new MinimError('FILE_INVALID', `${file}: the private key does not match the key id ${identity.keyId} recorded at steward init; run minim steward init --force`, { subject: file });
  }
  return { keyId: identity.keyId, publicKey: identity.publicKey, privateKey, name: identity.name, email: identity.email };
}

/** The raw public key and key id of a stewards.yaml `publicKey` line (`ssh-ed25519 AAAA…`). */
export function parsePublicKey(line: string, what: string): { raw: Buffer; keyId: string } {
  const raw = parseSshPublic(line, what);
  return { raw, keyId: keyIdOf(raw) };
}
