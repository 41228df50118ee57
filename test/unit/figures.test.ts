import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDocs, repoRoot } from '../../bench/figures.js';

describe('figures file', () => {
  const root = repoRoot();
  const tmp = mkdtempSync(join(tmpdir(), 'minim-figures-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('README.md and docs/*.md quote docs/figures.json exactly (run `npm run figures` after measuring)', () => {
    cpSync(join(root, 'README.md'), join(tmp, 'README.md'));
    cpSync(join(root, 'package.json'), join(tmp, 'package.json'));
    cpSync(join(root, 'docs'), join(tmp, 'docs'), { recursive: true });
    const changed = renderDocs(tmp);
    expect(changed.map((p) => p.slice(tmp.length + 1))).toEqual([]);
  });

  it('every figures block in the docs names a section that exists', () => {
    const sections = Object.keys(JSON.parse(readFileSync(join(root, 'docs', 'figures.json'), 'utf8')).sections);
    const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];
    for (const doc of docs) {
      for (const m of readFileSync(join(root, doc), 'utf8').matchAll(/<!-- figures:([A-Za-z0-9_.-]+) -->/g)) {
        expect(sections, `${doc} quotes figures section ${m[1]}`).toContain(m[1]);
      }
    }
  });
});
