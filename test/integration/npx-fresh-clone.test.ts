/**
 * `npx minim scan` on a fresh clone, the README's first command, end to end: `git clone` of the
 * committed tree, `npm ci` (whose prepare builds dist/), then `npx minim scan` twice with an empty
 * npx cache and an empty demo cache.
 *
 * npm (9 and later) runs a project's own bin by installing the project into its npx cache as a link,
 * and that install runs the project's `prepare`. So the test pins what must hold for the first run
 * to be quick and sure: npx runs offline (nothing fetched from a registry), its cache holds only a
 * link to the clone, and dist/ is not rebuilt (prepare sees dist/ is the build of these sources).
 */
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

function run(file: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: { ...process.env, CI: 'true', ...env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describe('npx minim scan on a fresh clone after npm ci', () => {
  let work: string;
  let clone: string;
  let npmCache: string;
  let demoCache: string;
  const built = () => ['dist/src/cli/main.js', 'dist/.build-inputs.json'].map((f) => statSync(join(clone, f)).mtimeMs);
  let builtAfterCi: number[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'minim-npx-'));
    clone = join(work, 'clone');
    npmCache = join(work, 'npm-cache');
    demoCache = join(work, 'demo-cache');
    const cloned = await run('git', ['clone', '--quiet', ROOT, clone], work);
    expect(cloned.code, cloned.stderr).toBe(0);
    // The machine's npm cache (CI filled it with its own npm ci): no registry needed.
    const ci = await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], clone);
    expect(ci.code, `npm ci failed: ${ci.stderr.split('\n').slice(-8).join('\n')}`).toBe(0);
    builtAfterCi = built();
  }, 600_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const npxScan = () => run('npx', ['minim', 'scan'], clone, { npm_config_cache: npmCache, npm_config_offline: 'true', npm_config_update_notifier: 'false', MINIM_CACHE_DIR: demoCache });

  it('the clone carries an executable bin and a build stamp from npm ci', () => {
    expect(statSync(join(clone, 'bin', 'minim.js')).mode & 0o111).not.toBe(0);
    expect(existsSync(join(clone, 'dist', '.build-inputs.json'))).toBe(true);
  });

  it('the first npx minim scan runs offline, links the clone into the npx cache and rebuilds nothing', async () => {
    const r = await npxScan();
    expect(r.code, r.stderr.split('\n').slice(-5).join('\n')).toBe(0);
    expect(r.stderr).toMatch(/Found \d+ sensitive columns/);
    expect(r.stdout + r.stderr).not.toMatch(/\b\d{3}-\d{2}-\d{4}\b/);
    // Nothing was fetched: an offline npx that needed a registry would have failed, and the cache
    // holds no package content, only the npx folder whose one package is a link to the clone.
    expect(existsSync(join(npmCache, '_cacache'))).toBe(false);
    // (An npm that ran node_modules/.bin/minim without installing would leave no _npx folder.)
    const entries = existsSync(join(npmCache, '_npx')) ? readdirSync(join(npmCache, '_npx')) : [];
    expect(entries.length).toBeLessThanOrEqual(1);
    for (const entry of entries) {
      const installed = join(npmCache, '_npx', entry, 'node_modules');
      expect(readdirSync(installed).filter((n) => !n.startsWith('.'))).toEqual(['minim']);
      expect(lstatSync(join(installed, 'minim')).isSymbolicLink()).toBe(true);
      expect(realpathSync(join(installed, 'minim'))).toBe(realpathSync(clone));
    }
    // npx ran the linked package's prepare: it found dist/ current and built nothing.
    expect(built()).toEqual(builtAfterCi);
  }, 300_000);

  it('a second npx minim scan reuses the npx cache and the demo cache', async () => {
    const r = await npxScan();
    expect(r.code, r.stderr.split('\n').slice(-5).join('\n')).toBe(0);
    expect(r.stderr).toMatch(/Found \d+ sensitive columns/);
    expect(r.stderr).not.toContain('first run only');
    expect(existsSync(join(npmCache, '_npx')) ? readdirSync(join(npmCache, '_npx')).length : 0).toBeLessThanOrEqual(1);
    expect(existsSync(join(npmCache, '_cacache'))).toBe(false);
    expect(built()).toEqual(builtAfterCi);
  }, 300_000);
});
