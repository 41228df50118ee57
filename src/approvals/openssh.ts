/**
 * OpenSSH ed25519 keys, parsed by hand (no dependency): the public line `ssh-ed25519 AAAA… comment`
 * and the unencrypted private key file (`-----BEGIN OPENSSH PRIVATE KEY-----`, openssh-key-v1).
 * Format: PROTOCOL.key in the OpenSSH sources; strings are uint32 length + bytes.
 */
import { MinimError } from '../errors.js';

const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
const KEY_TYPE = 'ssh-ed25519';

class Reader {
  private at = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly what: string,
  ) {}
  uint32(): number {
    if (this.at + 4 > this.buf.length) throw this.fail();
    const v = this.buf.readUInt32BE(this.at);
    this.at += 4;
    return v;
  }
  bytes(): Buffer {
    const n = this.uint32();
    if (this.at + n > this.buf.length) throw this.fail();
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  text(): string {
    return this.bytes().toString('utf8');
  }
  fail(): MinimError {
    return new MinimError('FILE_INVALID', `${this.what}: truncated OpenSSH key data; pass an ed25519 key made by ssh-keygen -t ed25519`, { subject: this.what });
  }
}

const sshString = (b: Buffer | string) => {
  const body = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
};

/** The OpenSSH wire blob of an ed25519 public key: string "ssh-ed25519", string key(32). */
export function publicBlob(raw: Buffer): Buffer {
  return Buffer.concat([sshString(KEY_TYPE), sshString(raw)]);
}

/** `ssh-ed25519 AAAA…` for a raw 32-byte public key (with an optional comment). */
export function formatSshPublic(raw: Buffer, comment?: string): string {
  return `${KEY_TYPE} ${publicBlob(raw).toString('base64')}${comment ? ` ${comment}` : ''}`;
}

/** The raw 32-byte public key of an `ssh-ed25519 AAAA… [comment]` line. */
export function parseSshPublic(line: string, what: string): Buffer {
  const [type, b64] = line.trim().split(/\s+/);
  if (type !== KEY_TYPE || !b64) throw new MinimError('FILE_INVALID', `${what}: not an ssh-ed25519 public key line; expected "ssh-ed25519 AAAA…"`, { subject: what });
  const r = new Reader(Buffer.from(b64, 'base64'), what);
  if (r.text() !== KEY_TYPE) throw new MinimError('FILE_INVALID', `${what}: the key blob is not ssh-ed25519`, { subject: what });
  const raw = r.bytes();
  if (raw.length !== 32) throw new MinimError('FILE_INVALID', `${what}: an ed25519 public key has 32 bytes, this one ${raw.length}`, { subject: what });
  return raw;
}

export interface OpenSshEd25519 {
  /** 32-byte seed (the private scalar's source). */
  readonly seed: Buffer;
  /** 32-byte public key. */
  readonly publicKey: Buffer;
  readonly comment: string;
}

/** Parses an unencrypted OpenSSH ed25519 private key file (PEM-armoured openssh-key-v1). */
export function parseOpenSshPrivate(text: string, what: string): OpenSshEd25519 {
  const m = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(text);
  if (!m) throw new MinimError('FILE_INVALID', `${what}: not an OpenSSH private key (no BEGIN OPENSSH PRIVATE KEY block)`, { subject: what });
  const buf = Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
  if (buf.length < MAGIC.length || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new MinimError('FILE_INVALID', `${what}: not an openssh-key-v1 key`, { subject: what });
  }
  const r = new Reader(buf.subarray(MAGIC.length), what);
  const cipher = r.text();
  const kdf = r.text();
  r.bytes(); // kdf options
  if (cipher !== 'none' || kdf !== 'none') {
    throw new MinimError(
      'FILE_INVALID',
      `${what}: the OpenSSH key is passphrase-protected (${cipher}); minim reads unencrypted OpenSSH keys only — use minim steward init --passphrase-env VAR for a protected minim key instead`,
      { subject: what },
    );
  }
  const n = r.uint32();
  if (n !== 1) throw new MinimError('FILE_INVALID', `${what}: holds ${n} keys; pass a file with one ed25519 key`, { subject: what });
  r.bytes(); // public key blob (repeated inside the private section)
  const priv = new Reader(r.bytes(), what);
  const c1 = priv.uint32();
  const c2 = priv.uint32();
  if (c1 !== c2) throw new MinimError('FILE_INVALID', `${what}: corrupt OpenSSH key (check bytes differ)`, { subject: what });
  const type = priv.text();
  if (type !== KEY_TYPE) throw new MinimError('FILE_INVALID', `${what}: an OpenSSH ${type} key; minim signs with ed25519 keys only (ssh-keygen -t ed25519)`, { subject: what });
  const pub = priv.bytes();
  const secret = priv.bytes();
  const comment = priv.text();
  if (pub.length !== 32 || secret.length !== 64 || !secret.subarray(32).equals(pub)) {
    throw new MinimError('FILE_INVALID', `${what}: corrupt OpenSSH ed25519 key (unexpected key lengths)`, { subject: what });
  }
  return { seed: Buffer.from(secret.subarray(0, 32)), publicKey: Buffer.from(pub), comment };
}
