/**
 * scripts/build-stamp.mjs: `prepare` builds only when dist/ is not the build of the sources beside
 * it. Run as npm runs it, on a small package tree of its own (the script finds the root from its path).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = new URL('../../scripts/build-stamp.mjs', import.meta.url).pathname;

describe('build stamp', () => {
  let root: string;
  const put = (rel: string, text: string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  const stamp = (cmd: string) => spawnSync(process.execPath, [join(root, 'scripts', 'build-stamp.mjs'), cmd], { encoding: 'utf8' });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'minim-stamp-'));
    mkdirSync(join(root, 'scripts'));
    copyFileSync(SCRIPT, join(root, 'scripts', 'build-stamp.mjs'));
    put('package.json', '{"name":"x"}\n');
    put('tsconfig.json', '{}\n');
    put('src/a.ts', 'export const a = 1;\n');
    put('rules/values.yaml', 'rules: []\n');
    put('dist/src/cli/main.js', '');
    put('dist/rules/parsed.json', '{}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('no stamp: not current, so prepare builds', () => {
    expect(stamp('check').status).toBe(1);
  });

  it('a stamp of the same inputs: current, and says so in one line', () => {
    expect(stamp('write').status).toBe(0);
    const r = stamp('check');
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an edited source, rules file, added source or lockfile makes it stale', () => {
    const edits: Array<[string, string]> = [
      ['src/a.ts', 'export const a = 2;\n'],
      ['rules/values.yaml', 'rules: [x]\n'],
      ['connectors/pg/b.ts', 'export {};\n'],
      ['package-lock.json', '{}\n'],
    ];
    for (const [rel, text] of edits) {
      expect(stamp('write').status).toBe(0);
      put(rel, text);
      expect(stamp('check').status, rel).toBe(1);
    }
  });

  it('a file outside the inputs (tests, docs) leaves it current', () => {
    expect(stamp('write').status).toBe(0);
    put('test/a.test.ts', 'x\n');
    put('docs/a.md', 'x\n');
    expect(stamp('check').status).toBe(0);
  });

  it('a dist/ missing an output the scan needs is not current', () => {
    expect(stamp('write').status).toBe(0);
    rmSync(join(root, 'dist', 'rules', 'parsed.json'));
    expect(stamp('check').status).toBe(1);
  });

  it('an unknown command is a usage error', () => {
    expect(stamp('bogus').status).toBe(2);
  });
});
