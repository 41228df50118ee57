/**
 * `--out` to special files: a character device (a mknod copy of /dev/null in a
 * temporary directory, never the real one), a FIFO or a symlink is never replaced by a regular
 * file. Regular files are replaced atomically; devices and FIFOs are written through; a symlink out
 * of its directory is refused unless --follow-symlinks. Covers writeFileAtomic (every command's
 * --out and plan files) and the streamed NDJSON scan.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MinimError } from '../../src/errors.js';
import { openScanStream } from '../../src/scan/stream.js';
import { setFollowSymlinks, writeFileAtomic } from '../../src/util/atomic.js';

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.log('atomic-special: mknod needs root; the character-device cases are skipped (CI runs as root)');

const fresh = () => mkdtempSync(join(tmpdir(), 'minim-special-'));

/** A copy of /dev/null (major 1, minor 3) made with mknod in `dir`. */
function devNull(dir: string): string {
  const p = join(dir, 'null');
  execFileSync('mknod', [p, 'c', '1', '3']);
  chmodSync(p, 0o666);
  return p;
}

/** A FIFO in `dir` and a `cat` reading it; `read()` resolves with what came through. */
function fifoWithReader(dir: string, name = 'pipe'): { path: string; read: Promise<string> } {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  const cat = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  cat.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const read = new Promise<string>((res, rej) => {
    cat.on('error', rej);
    cat.on('close', () => res(out));
  });
  return { path, read };
}

async function refusal(p: Promise<unknown>): Promise<MinimError> {
  try {
    await p;
  } catch (e) {
    return e as MinimError;
  }
  throw new Error('expected the write to be refused');
}

const sources = [{ name: 'hr', dialect: 'postgres' as const }];
const table = { source: 'hr', schema: 'public', table: 't', columns: [], error: null, risk: null };
const result = { version: 1 as const, scannedAt: 'x', sources, columns: [], errors: [], stats: { tables: 1, columns: 0, queries: 1, valuesClassified: 0, durationMs: 1 } };

describe('writing output to special files', () => {
  afterEach(() => setFollowSymlinks(false));

  it.skipIf(!isRoot)('writes through to a character device (mknod copy of /dev/null) and leaves it a device', async () => {
    const dir = fresh();
    const dev = devNull(dir);
    const before = statSync(dev);
    await writeFileAtomic(dev, '{"version":1}\n');
    const after = lstatSync(dev);
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
    expect(after.ino).toBe(before.ino);
  });

  it('writes through to a FIFO (a reader gets the text) and leaves it a FIFO', async () => {
    const dir = fresh();
    const { path, read } = fifoWithReader(dir);
    await writeFileAtomic(path, 'hello through the pipe\n');
    expect(await read).toBe('hello through the pipe\n');
    expect(lstatSync(path).isFIFO()).toBe(true);
  });

  it('refuses a symlink that leads out of its directory, leaving link and target as they were', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'elsewhere'));
    const target = join(dir, 'elsewhere', 'precious.txt');
    writeFileSync(target, 'precious\n');
    const link = join(dir, 'out', 'scan.json');
    symlinkSync(target, link);
    const e = await refusal(writeFileAtomic(link, 'overwritten\n'));
    expect(e.code).toBe('FILE_INVALID');
    expect(e.message).toMatch(/scan\.json is a symbolic link to .*precious\.txt, outside .*out; minim does not write through it unless you pass --follow-symlinks/);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    // Asked to (--follow-symlinks): the target is replaced, the link stays a link.
    setFollowSymlinks(true);
    await writeFileAtomic(link, 'followed\n');
    expect(readFileSync(target, 'utf8')).toBe('followed\n');
    expect(readlinkSync(link)).toBe(target);
  });

  it('follows a symlink inside its directory: the target is replaced atomically, the link kept', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'real.json'), 'old\n');
    symlinkSync('real.json', join(dir, 'latest.json'));
    await writeFileAtomic(join(dir, 'latest.json'), 'new\n');
    expect(lstatSync(join(dir, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe('new\n');
  });

  it('replaces a regular file atomically and keeps its permissions; refuses a directory', async () => {
    const dir = fresh();
    const p = join(dir, 'plan.yaml');
    writeFileSync(p, 'old\n', { mode: 0o600 });
    chmodSync(p, 0o600);
    await writeFileAtomic(p, 'new\n');
    expect(readFileSync(p, 'utf8')).toBe('new\n');
    expect(statSync(p).mode & 0o777).toBe(0o600);
    const e = await refusal(writeFileAtomic(dir, 'x'));
    expect(e.message).toMatch(/is a directory; give a file name/);
  });

  it.skipIf(!isRoot)('streams an NDJSON scan through a character device without replacing it, and still returns the result', () => {
    const dir = fresh();
    const dev = devNull(dir);
    const s = openScanStream(dev, { sources });
    s.onTable(table);
    const r = s.finish(result);
    expect(r.stats?.tables).toBe(1);
    expect(lstatSync(dev).isCharacterDevice()).toBe(true);
  });

  it('streams an NDJSON scan through a FIFO to its reader; refuses --resume on it', async () => {
    const dir = fresh();
    const { path, read } = fifoWithReader(dir, 'scan.ndjson');
    // openScanStream opens the FIFO synchronously: give cat a moment to open its end first.
    await new Promise((r) => setTimeout(r, 200));
    const s = openScanStream(path, { sources });
    s.onTable(table);
    const r = s.finish(result);
    expect(r.stats?.tables).toBe(1);
    const lines = (await read).trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines.map((l) => l.type)).toEqual(['scan', 'table', 'end']);
    expect(lstatSync(path).isFIFO()).toBe(true);
    expect(() => openScanStream(path, { sources, resume: true })).toThrow(/is a device or FIFO; --resume needs a regular \.ndjson file/);
  });

  it('refuses to stream an NDJSON scan through a symlink out of its directory', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'victim'), 'keep\n');
    symlinkSync(join(dir, 'victim'), join(dir, 'a', 'scan.ndjson'));
    expect(() => openScanStream(join(dir, 'a', 'scan.ndjson'), { sources })).toThrow(/is a symbolic link to .*victim, outside/);
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('keep\n');
  });
});
