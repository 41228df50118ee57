/**
 * The `minim` command starts on a fresh clone: npm runs a package's bin file directly (not through
 * `node`), so the committed entry must carry its execute bit. The checkout is what git hands a new
 * clone (`git archive HEAD`: modes from the tree, none from this worktree); the built dist/ and the
 * dependencies are linked in as `npm install` (prepare → build) would leave them.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] };

function run(file: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: { ...process.env, CI: 'true' } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describe('the minim bin on a fresh clone', () => {
  let clone: string;
  let committed = true;

  beforeAll(() => {
    clone = mkdtempSync(join(tmpdir(), 'minim-clone-'));
    const bin = pkg.bin['minim']!;
    try {
      // What a clone checks out: the committed tree, with the committed modes.
      const tar = execFileSync('git', ['archive', 'HEAD', 'package.json', bin], { cwd: ROOT });
      execFileSync('tar', ['-x', '-C', clone], { input: tar });
    } catch {
      committed = false;
    }
    symlinkSync(join(ROOT, 'dist'), join(clone, 'dist'));
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it('the bin file is committed with its execute bit and is shipped', () => {
    expect(committed, 'package.json bin entry is not committed at HEAD').toBe(true);
    const bin = pkg.bin['minim']!;
    const mode = execFileSync('git', ['ls-files', '-s', bin], { cwd: ROOT, encoding: 'utf8' }).split(' ')[0];
    expect(mode).toBe('100755');
    expect(statSync(join(clone, bin)).mode & 0o111).not.toBe(0);
    expect(pkg.files.some((f) => bin === f || bin.startsWith(`${f}/`))).toBe(true);
  });

  it('runs when spawned directly (as npm runs it), from the clone and through a node_modules/.bin link', async () => {
    expect(existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js')), 'run npm run build first').toBe(true);
    const direct = await run(join(clone, pkg.bin['minim']!), ['--version'], clone);
    expect(direct.stderr).toBe('');
    expect(direct.code).toBe(0);
    expect(direct.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    // A project that depends on minim gets node_modules/.bin/minim → the package's bin file.
    const user = mkdtempSync(join(tmpdir(), 'minim-user-'));
    try {
      mkdirSync(join(user, 'node_modules', '.bin'), { recursive: true });
      symlinkSync(clone, join(user, 'node_modules', 'minim'));
      symlinkSync(join('..', 'minim', pkg.bin['minim']!), join(user, 'node_modules', '.bin', 'minim'));
      const linked = await run(join(user, 'node_modules', '.bin', 'minim'), ['scan', '--help'], user);
      expect(linked.code).toBe(0);
      expect(linked.stdout).toContain('scan');
    } finally {
      rmSync(user, { recursive: true, force: true });
    }
  });

  it('names the missing build in one line when dist/ is absent', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'minim-nobuild-'));
    try {
      const tar = execFileSync('git', ['archive', 'HEAD', 'package.json', pkg.bin['minim']!], { cwd: ROOT });
      execFileSync('tar', ['-x', '-C', bare], { input: tar });
      const r = await run(join(bare, pkg.bin['minim']!), ['--version'], bare);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('npm run build');
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
