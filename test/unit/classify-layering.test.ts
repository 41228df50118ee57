/**
 * The classifier's layering: compiled rule types (src/rules/types.ts) import nothing from the
 * classifier, the classifier never imports the rule loader, and no import cycle passes through
 * src/classify, src/rules or src/validators — nor anywhere else in src, connectors or bench. The
 * import graph is read from the sources (`import … from` / `export … from`, type imports and lazy
 * `import('…')` included), as `madge --circular` reads it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/paths.js';

const ROOT = packageRoot();
const SPEC = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** File → the project files it imports (relative specifiers, `.js` read as `.ts`). */
function importGraph(dirs: readonly string[]): Map<string, string[]> {
  const files = dirs.flatMap((d) => tsFiles(join(ROOT, d)));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const out: string[] = [];
    for (const m of text.matchAll(SPEC)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(f), spec.replace(/\.js$/, '.ts'));
      if (known.has(target)) out.push(target);
    }
    graph.set(f, out);
  }
  return graph;
}

/** Strongly connected components of more than one file (or a file importing itself): the import cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.map((f) => relative(ROOT, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const graph = importGraph(['src', 'connectors', 'bench']);
const imports = (file: string) => (graph.get(join(ROOT, file)) ?? []).map((f) => relative(ROOT, f));

describe('classifier layering', () => {
  it('reads the import graph (sanity: the classifier entry imports its detectors)', () => {
    expect(imports('src/classify/index.ts')).toContain('src/classify/detectors/index.ts');
    expect(imports('src/classify/profile.ts')).toContain('src/rules/types.ts');
  });
  it('compiled rule types import nothing but the rule schema and the validator signature', () => {
    expect([...new Set(imports('src/rules/types.ts'))].sort()).toEqual(['src/rules/schema.ts', 'src/validators/validator.ts']);
  });
  it('the classifier never imports the rule loader', () => {
    const offenders = [...graph.keys()]
      .map((f) => relative(ROOT, f))
      .filter((f) => f.startsWith('src/classify/') && imports(f).includes('src/rules/load.ts'));
    expect(offenders).toEqual([]);
  });
  it('no import cycle passes through src/classify, src/rules or src/validators', () => {
    const mine = cycles(graph).filter((c) => c.some((f) => /^src\/(classify|rules|validators)\//.test(f)));
    expect(mine).toEqual([]);
  });
  it('no import cycle anywhere in src, connectors or bench', () => {
    expect(cycles(graph)).toEqual([]);
  });
});
