/** The evaluation's sections of docs/figures.json: data for CI, markdown for README.md and docs/eval.md. */
import { CATEGORIES } from './corpus.js';
import type { Scores } from './metrics.js';
import type { CorpusRun } from './run.js';

const f2 = (x: number | null) => (x === null ? '—' : x.toFixed(2));

export interface PredictorFigures {
  micro: Scores['micro'];
  audit: Scores['audit'];
  falseAlarmsPer100Clean: number;
  falseAlarmColumns: number;
  cleanColumns: number;
  perCategory: Scores['perCategory'];
}
export interface CorpusFigures {
  corpus: 'development' | 'held-out';
  seed: number;
  scanSeed: number;
  commit: string;
  columns: number;
  labelled: number;
  tables: number;
  /** Rows per table sampled for the baselines. */
  baselineRows: number;
  /** engine → predictor → figures */
  engines: Record<string, Record<string, PredictorFigures>>;
}

export function corpusFigures(corpus: CorpusFigures['corpus'], seed: number, scanSeed: number, commit: string, tables: number, runs: readonly CorpusRun[], baselineRows = 1000): CorpusFigures {
  return {
    baselineRows,
    corpus,
    seed,
    scanSeed,
    commit,
    tables,
    columns: runs[0]?.columns ?? 0,
    labelled: runs[0]?.labelled ?? 0,
    engines: Object.fromEntries(runs.map((r) => [r.engine, Object.fromEntries(Object.entries(r.scores).map(([p, s]) => [p, {
      micro: s.micro, audit: s.audit, falseAlarmsPer100Clean: s.falseAlarmsPer100Clean, falseAlarmColumns: s.falseAlarmColumns, cleanColumns: s.cleanColumns, perCategory: s.perCategory,
    }]))])),
  };
}

/** Summary table (engine × predictor) and minim's per-category table. */
export function corpusMarkdown(f: CorpusFigures): string {
  const lines = [
    `${f.columns} columns in ${f.tables} tables (${f.labelled} labelled, ${f.columns - f.labelled} clean); corpus seed ${f.seed}, minim \`scan --seed ${f.scanSeed}\` (1,000-row samples) at commit \`${f.commit}\`; baselines on ${f.baselineRows}-row samples.`,
    '',
    '| engine | predictor | micro P | micro R | micro F1 | audit-five recall | false alarms / 100 clean |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const [engine, preds] of Object.entries(f.engines)) {
    for (const [p, s] of Object.entries(preds)) {
      const name = p === 'minim' ? '**minim**' : p;
      const audit = s.audit.support === 0 ? '—' : `${f2(s.audit.recall)} (${s.audit.tp}/${s.audit.support})`;
      lines.push(`| ${engine} | ${name} | ${f2(s.micro.precision)} | ${f2(s.micro.recall)} | ${p === 'minim' ? `**${f2(s.micro.f1)}**` : f2(s.micro.f1)} | ${audit} | ${s.falseAlarmsPer100Clean.toFixed(1)} (${s.falseAlarmColumns}/${s.cleanColumns}) |`);
    }
  }
  const engines = Object.keys(f.engines);
  const withMinim = engines.filter((e) => f.engines[e]!['minim']);
  if (withMinim.length > 0) {
    lines.push('', `minim per category (P / R; n = labelled columns):`, '');
    lines.push(`| category | n | ${withMinim.map((e) => `${e} P | ${e} R`).join(' | ')} | name-only F1 | openredaction F1 |`);
    lines.push(`|---|---|${withMinim.map(() => '---|---').join('|')}|---|---|`);
    const first = f.engines[withMinim[0]!]!;
    for (const c of CATEGORIES) {
      const n = first['minim']!.perCategory[c].support;
      const fp = withMinim.reduce((s, e) => s + f.engines[e]!['minim']!.perCategory[c].fp, 0);
      if (n === 0 && fp === 0) continue;
      const cells = withMinim.map((e) => {
        const k = f.engines[e]!['minim']!.perCategory[c];
        return `${f2(k.precision)} | ${f2(k.recall)}`;
      });
      lines.push(`| ${c} | ${n} | ${cells.join(' | ')} | ${f2(first['name-only']?.perCategory[c].f1 ?? null)} | ${f2(first['openredaction']?.perCategory[c].f1 ?? null)} |`);
    }
  }
  return lines.join('\n');
}

export interface FlipFigures {
  rows: Array<{ corpus: string; engine: string; runs: number; columns: number; flipped: number; flippedColumns: string[] }>;
}

export function flipMarkdown(f: FlipFigures): string {
  const lines = [
    'Each corpus scanned N times with `minim scan --seed 1..N` (different random samples of the same unchanged data); a column flips when its reported categories are not the same in every scan.',
    '',
    '| corpus | engine | scans (N) | columns | flipped | flip rate |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of f.rows) lines.push(`| ${r.corpus} | ${r.engine} | ${r.runs} | ${r.columns} | ${r.flipped} | ${r.columns === 0 ? '—' : `1 in ${r.flipped === 0 ? '∞' : Math.round(r.columns / r.flipped)}`} (${((100 * r.flipped) / Math.max(1, r.columns)).toFixed(2)}%) |`);
  const named = f.rows.filter((r) => r.flippedColumns.length > 0);
  if (named.length > 0) {
    lines.push('', 'Flipped columns:');
    for (const r of named) lines.push(`- ${r.corpus}, ${r.engine}: ${r.flippedColumns.map((c) => `\`${c}\``).join(', ')}`);
  }
  return lines.join('\n');
}
