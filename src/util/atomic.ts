import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MinimError } from '../errors.js';

/** Writes `text` to `path` atomically: a temp file beside it, then rename. Nothing is half-written. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { encoding: 'utf8', mode: 0o640 });
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw new MinimError('FILE_INVALID', `${path}: cannot write the file; check the directory exists and is writable`, {
      cause: e,
      subject: path,
    });
  }
}
