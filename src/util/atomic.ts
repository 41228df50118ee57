import { randomBytes } from 'node:crypto';
import { lstatSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { chmod, open, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { MinimError } from '../errors.js';

/**
 * Whether an output path that is a symbolic link may lead out of its own directory. Off unless the
 * user passes `--follow-symlinks` (set once per command run by src/cli/program.ts).
 */
let followSymlinks = false;

/** Sets whether output symlinks may lead out of their directory (`--follow-symlinks`). */
export function setFollowSymlinks(follow: boolean): void {
  followSymlinks = follow;
}

/**
 * Where an output path really leads, and what is there: `new` (nothing yet), `file` (a regular
 * file: replaced atomically), `stream` (a character device such as /dev/null, or a FIFO: written
 * through, never replaced).
 */
export interface OutputTarget {
  readonly path: string;
  readonly kind: 'new' | 'file' | 'stream';
  /** Permission bits of an existing regular file (kept when it is replaced). */
  readonly mode?: number;
}

const MAX_LINKS = 16;

const inside = (dir: string, p: string) => p === dir || p.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** The real path of `p`'s directory joined with its name (`p` itself need not exist). */
function realParent(p: string): string {
  try {
    return join(realpathSync(dirname(p)), basename(p));
  } catch {
    return resolve(p);
  }
}

/**
 * Resolves an output path: follows symbolic links (refusing, unless `follow`, one that leads out of
 * the directory the path names), and refuses directories, block devices and sockets.
 */
export function resolveOutputTarget(path: string, follow = followSymlinks): OutputTarget {
  const base = realParent(path);
  const baseDir = dirname(base);
  let current = resolve(path);
  for (let hop = 0; ; hop++) {
    let st: Stats;
    try {
      st = lstatSync(current);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { path: current, kind: 'new' };
      throw new MinimError('FILE_INVALID', `${path}: cannot inspect the output path; check the directory exists and is readable`, { cause: e, subject: path });
    }
    if (st.isSymbolicLink()) {
      if (hop >= MAX_LINKS) throw new MinimError('FILE_INVALID', `${path}: too many symbolic links; write to the target itself`, { subject: path });
      const next = realParent(resolve(dirname(current), readlinkSync(current)));
      if (!follow && !inside(baseDir, next)) {
        throw new MinimError(
          'FILE_INVALID',
          `${path} is a symbolic link to ${next}, outside ${baseDir}; minim does not write through it unless you pass --follow-symlinks (or give the target's path)`,
          { subject: path },
        );
      }
      current = next;
      continue;
    }
    if (st.isFile()) return { path: current, kind: 'file', mode: st.mode & 0o777 };
    if (st.isCharacterDevice() || st.isFIFO()) return { path: current, kind: 'stream' };
    const what = st.isDirectory() ? 'a directory' : st.isBlockDevice() ? 'a block device' : 'a socket';
    throw new MinimError(
      'FILE_INVALID',
      `${path} is ${what}; give a file name (minim writes regular files, character devices such as /dev/null, and FIFOs)`,
      { subject: path },
    );
  }
}

/**
 * Writes `text` to `path` without ever leaving it half-written or replacing what is not a file:
 * a new or regular file is replaced atomically (a temp file beside it, then rename; an existing
 * file keeps its permissions, a symlink inside its directory keeps pointing at it); a character
 * device (/dev/null) or a FIFO is written through, never replaced.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const target = resolveOutputTarget(path);
  if (target.kind === 'stream') {
    try {
      await writeFile(target.path, text, { encoding: 'utf8' });
    } catch (e) {
      throw new MinimError('FILE_INVALID', `${path}: cannot write to the device or FIFO; check it is writable`, { cause: e, subject: path });
    }
    return;
  }
  const tmp = join(dirname(target.path), `.${basename(target.path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { encoding: 'utf8', mode: 0o640 });
    if (target.mode !== undefined) await chmod(tmp, target.mode);
    await rename(tmp, target.path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw new MinimError('FILE_INVALID', `${path}: cannot write the file; check the directory exists and is writable`, {
      cause: e,
      subject: path,
    });
  }
}

/**
 * Like `writeFileAtomic`, for a document produced in pieces (a streamed scan JSON): never one
 * string in memory, written about 1 MB at a time; the same rules for devices, FIFOs and symlinks.
 */
export async function writePiecesAtomic(path: string, pieces: Iterable<string>): Promise<void> {
  const target = resolveOutputTarget(path);
  const tmp = target.kind === 'stream' ? target.path : join(dirname(target.path), `.${basename(target.path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'w', 0o640);
    try {
      let buf: string[] = [];
      let size = 0;
      for (const p of pieces) {
        buf.push(p);
        size += p.length;
        if (size >= 1 << 20) {
          await fh.write(buf.join(''));
          buf = [];
          size = 0;
        }
      }
      if (buf.length > 0) await fh.write(buf.join(''));
    } finally {
      await fh.close();
    }
    if (target.kind === 'stream') return;
    if (target.mode !== undefined) await chmod(tmp, target.mode);
    await rename(tmp, target.path);
  } catch (e) {
    if (target.kind !== 'stream') await unlink(tmp).catch(() => undefined);
    throw new MinimError('FILE_INVALID', `${path}: cannot write the file; check the directory exists and is writable`, { cause: e, subject: path });
  }
}
