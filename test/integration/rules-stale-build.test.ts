/**
 * A built-in rules file newer than the build (a `git pull` that brought a rule key the compiled
 * schema does not know yet, without `npm run build`) fails in one line that says to rebuild; the
 * same key in a user's --rules directory is that file's error, as before.
 *
 * The install is a copy of the package's build (dist/src, dist/connectors, dist/rules/parsed.json)
 * beside a copy of rules/ in which one rule carries a key no schema knows, standing for a newer one.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

function run(args: string[], cwd: string, cache: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(cwd, 'dist', 'src', 'cli', 'main.js'), ...args], { cwd, env: { ...process.env, CI: 'true', MINIM_CACHE_DIR: cache } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** names.yaml with one more key on its first rule that has `category:` (a key from a "newer" schema). */
const withNewKey = (text: string) => text.replace(/^( +)category: (\S+)$/m, '$1category: $2\n$1fromANewerSchema: true');

describe('built-in rules newer than the build', () => {
  let install: string;

  beforeAll(() => {
    install = mkdtempSync(join(tmpdir(), 'minim-stale-'));
    cpSync(join(ROOT, 'package.json'), join(install, 'package.json'));
    for (const d of ['src', 'connectors']) cpSync(join(ROOT, 'dist', d), join(install, 'dist', d), { recursive: true });
    mkdirSync(join(install, 'dist', 'rules'), { recursive: true });
    cpSync(join(ROOT, 'dist', 'rules', 'parsed.json'), join(install, 'dist', 'rules', 'parsed.json'));
    cpSync(join(ROOT, 'rules'), join(install, 'rules'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(install, 'node_modules'));
  });
  afterAll(() => rmSync(install, { recursive: true, force: true }));

  it('says in one line that the rules changed since the build, and to run npm run build', async () => {
    const names = join(install, 'rules', 'names.yaml');
    const original = readFileSync(names, 'utf8');
    const edited = withNewKey(original);
    expect(edited).not.toBe(original);
    writeFileSync(names, edited);
    try {
      const r = await run(['scan'], install, join(install, 'cache'));
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('changed since the build');
      expect(lines[0]).toContain('run npm run build');
      expect(lines[0]).toContain('fromANewerSchema');
    } finally {
      writeFileSync(names, original);
    }
  });

  it('keeps the file error for the same key in a --rules directory', async () => {
    const dir = join(install, 'my-rules');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'names.yaml'), withNewKey(readFileSync(join(install, 'rules', 'names.yaml'), 'utf8')));
    const r = await run(['scan', '--rules', dir], install, join(install, 'cache'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fromANewerSchema');
    expect(r.stderr).toContain('fix the file or remove it from --rules');
    expect(r.stderr).not.toContain('changed since the build');
  });
});
