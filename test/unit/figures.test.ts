import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareMarkdown } from '../../bench/eval-compare.js';
import { PERMANENT_SECTIONS, readFigures, renderDocs, repoRoot, writeFigures } from '../../bench/figures.js';

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

  it('never overwrites a permanent section (the first, untuned held-out measurement)', () => {
    const root = mkdtempSync(join(tmpdir(), 'minim-figures-permanent-'));
    try {
      mkdirSync(join(root, 'docs'));
      writeFileSync(join(root, 'README.md'), '<!-- figures:eval.heldout.first -->\n<!-- /figures:eval.heldout.first -->\n');
      writeFigures({ 'eval.heldout.first': { command: 'first', data: { f1: 0.5 }, markdown: 'F1 0.50' } }, root);
      expect(() => writeFigures({ 'eval.heldout.first': { command: 'again', data: { f1: 0.9 }, markdown: 'F1 0.90' }, 'eval.heldout': { command: 'x', data: {}, markdown: 'x' } }, root))
        .toThrow(/eval\.heldout\.first is a permanent record/);
      const file = readFigures(root);
      expect(file.sections['eval.heldout.first']!.data).toEqual({ f1: 0.5 });
      expect(file.sections['eval.heldout']).toBeUndefined();
      expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('F1 0.50');
      writeFigures({ 'eval.heldout': { command: 'x', data: { f1: 0.9 }, markdown: 'later' } }, root);
      expect(readFigures(root).sections['eval.heldout.first']!.data).toEqual({ f1: 0.5 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('keeps the first flip-rate measurement as a permanent section beside the first accuracy figures', () => {
    expect(PERMANENT_SECTIONS).toEqual(expect.arrayContaining(['eval.heldout.first', 'eval.development.first', 'eval.flip.first']));
  });

  it('eval.compare sets the committed first and latest minim figures side by side, from docs/figures.json alone', () => {
    const file = readFigures(root);
    const md = compareMarkdown(file);
    for (const [first, latest, label] of [['eval.heldout.first', 'eval.heldout', 'held-out'], ['eval.development.first', 'eval.development', 'development']] as const) {
      for (const engine of ['PostgreSQL', 'MariaDB']) {
        for (const [name, which] of [[first, 'first'], [latest, 'latest']] as const) {
          const data = file.sections[name]!.data as { commit: string; engines: Record<string, Record<string, { micro: { f1: number } }>> };
          const row = md.split('\n').find((l) => l.startsWith(`| ${label} | ${engine} | ${which} |`));
          expect(row, `${label} ${engine} ${which}`).toBeDefined();
          expect(row).toContain(`\`${data.commit}\``);
          expect(row).toContain(`**${data.engines[engine]!['minim']!.micro.f1.toFixed(2)}**`);
        }
      }
    }
    expect(file.sections['eval.compare']!.markdown).toBe(md);
  });
});
