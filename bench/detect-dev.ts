/**
 * `node dist/bench/detect-dev.js [--runs N] [--rows N] [--misses] [--write-figures]`: the classifier alone (no
 * database) over the development corpus and the demo city, N times with differently seeded row
 * samples. Prints micro F1 per corpus and the flip rate (columns whose reported categories differ
 * between any two runs). Fast enough to run after every rule change; `npm run eval` remains the
 * measurement of record (real engines, the CLI's own sampling).
 */
import { classifyTable } from '../src/classify/index.js';
import { loadRules } from '../src/rules/load.js';
import { buildDemoCity } from '../src/demo/city.js';
import { Rng } from '../src/util/prng.js';
import type { TypeClass } from '../connectors/types.js';
import { corpusColumns, generateCorpus } from './eval/corpus.js';
import { score, misclassified, type Truth } from './eval/metrics.js';
import { writeFigures } from './figures.js';

export interface Table {
  key: string;
  name: string;
  columns: { name: string; typeClass: TypeClass; labels: readonly string[] }[];
  rows: readonly (readonly (string | null)[])[];
}

const TYPE: Record<string, TypeClass> = {
  int: 'integer', bigint: 'integer', varchar: 'text', text: 'text', char: 'text', date: 'date', timestamp: 'timestamp',
  numeric: 'decimal', decimal: 'decimal', boolean: 'boolean', bool: 'boolean',
};

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function devTables(): Table[] {
  const corpus = generateCorpus();
  return corpus.tables.map((t) => {
    const rows: (string | null)[][] = [];
    for (let r = 0; r < t.rows; r++) rows.push(t.columns.map((c) => str(c.values[r])));
    return {
      key: `${t.department}.${t.name}`.toLowerCase(),
      name: t.name,
      columns: t.columns.map((c) => ({ name: c.name, typeClass: TYPE[c.type]!, labels: c.labels })),
      rows,
    };
  });
}

export function demoTables(): Table[] {
  return buildDemoCity().tables.map((t) => ({
    key: `${t.schema}.${t.name}`.toLowerCase(),
    name: t.name,
    columns: t.columns.map((c) => ({ name: c.name, typeClass: TYPE[c.type]!, labels: c.labels })),
    rows: t.rows.map((r) => r.map(str)),
  }));
}

function sampleRows<T>(rows: readonly T[], n: number, seed: number): T[] {
  if (rows.length <= n) return [...rows];
  const rng = new Rng(seed);
  const idx = rows.map((_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = rng.int(i, idx.length - 1);
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, n).sort((a, b) => a - b).map((i) => rows[i]!);
}

export function runCorpus(tables: Table[], seed: number, rowsPerTable: number, now: Date): Map<string, Set<string>> {
  const rules = loadRules();
  const out = new Map<string, Set<string>>();
  for (const t of tables) {
    const rows = sampleRows(t.rows, rowsPerTable, seed ^ hash(t.key));
    const inputs = t.columns.map((c, i) => ({
      name: c.name,
      typeClass: c.typeClass,
      values: c.typeClass === 'boolean' ? null : rows.map((r) => r[i] ?? null),
    }));
    const v = classifyTable(t.name, inputs, rules, now);
    v.columns.forEach((c) => out.set(`${t.key}.${c.name}`.toLowerCase(), new Set(c.findings.map((f) => f.category))));
  }
  return out;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

function main() {
  const argv = process.argv.slice(2);
  const opt = (f: string, d: number) => (argv.includes(f) ? Number(argv[argv.indexOf(f) + 1]) : d);
  const runs = opt('--runs', 10);
  const rows = opt('--rows', 1000);
  const showMisses = argv.includes('--misses');
  const now = new Date('2026-11-01T00:00:00Z');
  const rowsOut: { corpus: string; columns: number; precision: number | null; recall: number | null; f1: number | null; auditRecall: number | null; falseAlarmsPer100Clean: number; flips: number }[] = [];
  for (const [label, tables] of [['development corpus', devTables()], ['demo city', demoTables()]] as const) {
    const truth: Truth[] = tables.flatMap((t) => t.columns.map((c) => ({ key: `${t.key}.${c.name}`.toLowerCase(), labels: c.labels as Truth['labels'] })));
    const results: Map<string, Set<string>>[] = [];
    const t0 = performance.now();
    for (let s = 0; s < runs; s++) results.push(runCorpus(tables, 1000 + s, rows, now));
    const ms = performance.now() - t0;
    const flips = new Map<string, string[]>();
    for (const { key } of truth) {
      const seen = new Set(results.map((r) => [...(r.get(key) ?? [])].sort().join(',')));
      if (seen.size > 1) flips.set(key, [...seen]);
    }
    const s0 = score(truth, results[0]!);
    const f = (x: number | null) => (x === null ? '-' : x.toFixed(3));
    console.log(
      `${label}: ${truth.length} columns; run 1 micro P ${f(s0.micro.precision)} R ${f(s0.micro.recall)} F1 ${f(s0.micro.f1)}; audit recall ${f(s0.audit.recall)}; ` +
        `false alarms ${s0.falseAlarmsPer100Clean.toFixed(1)}/100 clean; flips ${flips.size}/${truth.length} over ${runs} runs (${Math.round(ms / runs)} ms/run)`,
    );
    rowsOut.push({
      corpus: label,
      columns: truth.length,
      precision: s0.micro.precision,
      recall: s0.micro.recall,
      f1: s0.micro.f1,
      auditRecall: s0.audit.recall,
      falseAlarmsPer100Clean: s0.falseAlarmsPer100Clean,
      flips: flips.size,
    });
    for (const [k, v] of flips) console.log(`  flip ${k}: ${v.map((x) => `[${x}]`).join(' | ')}`);
    if (showMisses) for (const m of misclassified(truth, results[0]!)) console.log(`  miss ${m.key}: [${m.expected.join(',')}] -> [${m.got.join(',')}]`);
  }
  if (argv.includes('--write-figures')) {
    const f = (x: number | null) => (x === null ? '—' : x.toFixed(2));
    const markdown = [
      `| corpus | columns | micro P | micro R | micro F1 | audit-five recall | false alarms / 100 clean | columns that flip over ${runs} samples |`,
      '|---|---|---|---|---|---|---|---|',
      ...rowsOut.map((r) => `| ${r.corpus} | ${r.columns} | ${f(r.precision)} | ${f(r.recall)} | ${f(r.f1)} | ${f(r.auditRecall)} | ${r.falseAlarmsPer100Clean.toFixed(1)} | ${r.flips} |`),
    ].join('\n');
    writeFigures({ 'detect.dev': { command: `node dist/bench/detect-dev.js --runs ${runs} --write-figures`, data: { runs, rows, corpora: rowsOut }, markdown } });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
