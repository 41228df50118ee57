/**
 * Reads an input file with a size cap, so a huge or endless file (a 36 MB config, a FIFO) fails at
 * once with one clear line instead of taking seconds and gigabytes: `config x.yaml is 36.0 MB, over
 * the 1 MB limit for a config file`. Files are read as UTF-8 text.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { MinimError, type ErrorCode } from '../errors.js';

const MB = 1024 * 1024;

/** Caps per kind of input. A scan or plan of 64k tables stays well under its cap. */
export const INPUT_LIMITS = {
  config: 1 * MB,
  policy: 4 * MB,
  stewards: 4 * MB,
  rules: 4 * MB,
  plan: 256 * MB,
  scan: 512 * MB,
  'access review': 256 * MB,
} as const;

export type InputKind = keyof typeof INPUT_LIMITS;

export interface CappedRead {
  /** What the file is, as the error names it: `config`, `plan`, `scan`. */
  readonly what: InputKind;
  /** The code for a missing file (FILE_NOT_FOUND unless given). */
  readonly missing?: ErrorCode;
  /** What to do when the file cannot be read. */
  readonly hint: string;
  /** Override of the cap (tests). */
  readonly maxBytes?: number;
}

const size = (n: number) => (n >= MB ? `${(n / MB).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

function tooBig(path: string, o: CappedRead, max: number, seen: number, exact: boolean): MinimError {
  return new MinimError(
    'FILE_INVALID',
    `${o.what} ${path} is ${exact ? '' : 'over '}${size(seen)}, over the ${size(max)} limit for a ${o.what} file; check it is the right file`,
    { subject: path },
  );
}

function notReadable(path: string, o: CappedRead, e: unknown): MinimError {
  return new MinimError(o.missing ?? 'FILE_NOT_FOUND', `${o.what} ${path}: cannot read the file; ${o.hint}`, { cause: e, subject: path });
}

/** Reads `path` as text, at most the cap for its kind (FILE_INVALID above it; FILE_NOT_FOUND when unreadable). */
export async function readCapped(path: string, o: CappedRead): Promise<string> {
  const max = o.maxBytes ?? INPUT_LIMITS[o.what];
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw notReadable(path, o, e);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw notReadable(path, o, new Error('is a directory'));
    if (st.isFile() && st.size > max) throw tooBig(path, o, max, st.size, true);
    // Read at most max + 1 bytes: a FIFO or a file growing under us cannot run past the cap.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 * MB, max + 1 - total));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) throw tooBig(path, o, max, total, false);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (e) {
    if (e instanceof MinimError) throw e;
    throw notReadable(path, o, e);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** {@link readCapped}, synchronously (the config is read before anything async starts). */
export function readCappedSync(path: string, o: CappedRead): string {
  const max = o.maxBytes ?? INPUT_LIMITS[o.what];
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw notReadable(path, o, e);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw notReadable(path, o, new Error('is a directory'));
    if (st.isFile() && st.size > max) throw tooBig(path, o, max, st.size, true);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 * MB, max + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > max) throw tooBig(path, o, max, total, false);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (e) {
    if (e instanceof MinimError) throw e;
    throw notReadable(path, o, e);
  } finally {
    closeSync(fd);
  }
}
