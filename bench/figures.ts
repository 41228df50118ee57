/**
 * One committed figures file (`docs/figures.json`) that `npm run bench` and `npm run eval` write
 * and that README.md and docs/*.md quote. No figure in the docs is typed by hand: each quoting
 * place is a marker block that `renderDocs()` rewrites from the file.
 *
 *   <!-- figures:eval.summary -->        ← replaced by figures.json sections["eval.summary"].markdown
 *   ...generated...
 *   <!-- /figures:eval.summary -->
 *
 * A writer owns one or more sections (`bench.*`, `eval.*`); writing one section leaves the others
 * as they were. `node dist/bench/figures.js` re-renders the docs without measuring anything.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One section of the figures file: the measured data, and its rendering for the docs. */
export interface FigureSection {
  /** When it was measured (ISO 8601). */
  measuredAt: string;
  /** The command that produced it, e.g. `npm run bench -- --only demo`. */
  command: string;
  /** Machine-readable figures (what CI and tests compare against). */
  data: unknown;
  /** Markdown quoted verbatim between the section's markers. */
  markdown: string;
}

export interface FiguresFile {
  version: 1;
  sections: Record<string, FigureSection>;
}

/** The repository root (works from `bench/` in source and `dist/bench/` when built). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('figures: package.json not found above ' + dir);
    dir = up;
  }
  return dir;
}

export function figuresPath(root = repoRoot()): string {
  return join(root, 'docs', 'figures.json');
}

export function readFigures(root = repoRoot()): FiguresFile {
  const path = figuresPath(root);
  if (!existsSync(path)) return { version: 1, sections: {} };
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as FiguresFile;
  return { version: 1, sections: parsed.sections ?? {} };
}

/**
 * Sections measured once and kept for good: the first (untuned) measurements of each evaluation
 * corpus and the first flip-rate measurement. A writer may add them when absent but never replace
 * them.
 */
export const PERMANENT_SECTIONS: readonly string[] = ['eval.heldout.first', 'eval.development.first', 'eval.flip.first'];

/**
 * Replaces (or adds) sections, writes the file with sorted keys, then re-renders the docs.
 * Throws, writing nothing, when asked to replace a permanent section that already exists.
 */
export function writeFigures(sections: Record<string, Omit<FigureSection, 'measuredAt'> & { measuredAt?: string }>, root = repoRoot()): void {
  const file = readFigures(root);
  const now = new Date().toISOString();
  for (const name of Object.keys(sections)) {
    if (PERMANENT_SECTIONS.includes(name) && file.sections[name]) {
      throw new Error(`figures: section ${name} is a permanent record (measured ${file.sections[name]!.measuredAt.slice(0, 10)}) and is never overwritten; leave it out of this write`);
    }
  }
  for (const [name, section] of Object.entries(sections)) {
    file.sections[name] = { ...section, measuredAt: section.measuredAt ?? now };
  }
  const sorted: FiguresFile = { version: 1, sections: {} };
  for (const name of Object.keys(file.sections).sort()) sorted.sections[name] = file.sections[name]!;
  writeFileSync(figuresPath(root), JSON.stringify(sorted, null, 2) + '\n');
  renderDocs(root);
}

const BLOCK = /<!-- figures:([A-Za-z0-9_.-]+) -->\n[\s\S]*?<!-- \/figures:\1 -->/g;

/** Rewrites every marker block in README.md and docs/*.md from the figures file. */
export function renderDocs(root = repoRoot()): string[] {
  const file = readFigures(root);
  const docs = [join(root, 'README.md'), ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(root, 'docs', f))];
  const changed: string[] = [];
  for (const path of docs) {
    const before = readFileSync(path, 'utf8');
    const after = before.replace(BLOCK, (whole, name: string) => {
      const section = file.sections[name];
      if (!section) return whole;
      const stamp = `_Generated from \`docs/figures.json\` (\`${section.command}\`, ${section.measuredAt.slice(0, 10)})._`;
      return `<!-- figures:${name} -->\n${section.markdown.trimEnd()}\n\n${stamp}\n<!-- /figures:${name} -->`;
    });
    if (after !== before) {
      writeFileSync(path, after);
      changed.push(path);
    }
  }
  return changed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const changed = renderDocs();
  process.stdout.write(changed.length ? `figures: re-rendered ${changed.join(', ')}\n` : 'figures: docs already up to date\n');
}
