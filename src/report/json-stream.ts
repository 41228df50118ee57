/**
 * The scan JSON, in pieces: the same bytes as `JSON.stringify(result, null, 2) + '\n'`, but the
 * columns array (the bulk at 10,000 tables) is rendered one column at a time, so the whole document
 * never exists as one string. Writers (a file, stdout) take the pieces as they come.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MinimError } from '../errors.js';

/** Re-indents a pretty-printed JSON value to sit `depth` levels deep (2 spaces a level). */
function nested(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}

/** Yields `JSON.stringify(result, null, 2) + '\n'` in pieces; top-level arrays are streamed by element. */
export function* jsonPieces(result: object): Generator<string> {
  const entries = Object.entries(result).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    const comma = i < entries.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let j = 0; j < value.length; j++) {
        const el = value[j] === undefined || typeof value[j] === 'function' ? null : value[j];
        yield `    ${nested(el, 2)}${j < value.length - 1 ? ',' : ''}\n`;
      }
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${nested(value, 1)}${comma}\n`;
    }
  }
  yield '}\n';
}

/** Writes the pieces to `path` atomically (a temp file beside it, then rename), about 1 MB at a time. */
export async function writePiecesAtomic(path: string, pieces: Iterable<string>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
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
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw new MinimError('FILE_INVALID', `${path}: cannot write the file; check the directory exists and is writable`, { cause: e, subject: path });
  }
}
