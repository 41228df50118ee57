/**
 * One corpus on one engine: load it, scan it with minim N times with different sample seeds
 * (run 1 is the measurement; all N give the flip rate), run the baselines on the same loaded data,
 * and drop everything. Shared by `npm run eval` (bench/eval.ts) and the CI gate test.
 */
import type { Corpus } from './corpus.js';
import { corpusColumns } from './corpus.js';
import { loadMysql, loadPostgres, type EvalDialect } from './load.js';
import { columnKey, sampleCorpus } from './sample.js';
import { misclassified, score, type Scores, type Truth } from './metrics.js';
import { classifyByName } from './baselines/name-only.js';
import { OpenRedactionBaseline } from './baselines/openredaction.js';
import { runMinim } from './minim.js';

export interface FlipResult {
  /** Scans compared. */
  runs: number;
  columns: number;
  /** Columns whose reported categories (within the 14) were not the same in every run. */
  flipped: number;
  /** `table.column` of the flipped columns (names only). */
  flippedColumns: string[];
}

export interface CorpusRun {
  engine: 'PostgreSQL' | 'MariaDB';
  columns: number;
  labelled: number;
  clean: number;
  sampleRows: number;
  scores: Record<string, Scores>;
  misclassified: Array<{ key: string; expected: string[]; got: string[] }>;
  flip: FlipResult | null;
  notes: string[];
  /** minim's wall time per scan, ms. */
  scanMs: number[];
}

export interface RunOptions {
  engine: EvalDialect;
  /** Sample seeds passed to `minim scan --seed`; the first one is the measurement. */
  scanSeeds: readonly number[];
  /** Passed to minim as --sample-rows when given, and the baselines' sample size unless `baselineRows`. */
  sampleRows?: number;
  baselineRows?: number;
  baselines?: boolean;
  minim?: boolean;
  /** Server-level admin URL (default: the env URL of the test suite, else the local service). */
  adminUrl?: string;
  /** Registers drop functions for a signal handler. */
  track?: (drop: () => Promise<void>) => void;
  log?: (msg: string) => void;
  /** One openredaction instance per process (its value cache is shared). */
  openredaction?: OpenRedactionBaseline;
}

const CATS14 = new Set(['ssn', 'dob', 'medical', 'bank_account', 'bank_routing', 'credit_card', 'tax_id', 'drivers_license', 'passport', 'email', 'phone', 'address', 'person_name', 'ip_address']);
const setKey = (s: ReadonlySet<string> | undefined) => [...(s ?? [])].filter((c) => CATS14.has(c)).sort().join(',');

export function truthOf(corpus: Corpus): { truth: Truth[]; display: Map<string, string> } {
  const all = corpusColumns(corpus);
  return {
    truth: all.map(({ table, column }) => ({ key: columnKey(table.department, table.name, column.name), labels: column.labels })),
    display: new Map(all.map(({ table, column }) => [columnKey(table.department, table.name, column.name), `${table.department}.${table.name}.${column.name}`])),
  };
}

export async function runCorpus(corpus: Corpus, opts: RunOptions): Promise<CorpusRun> {
  const log = opts.log ?? (() => undefined);
  const { truth, display } = truthOf(corpus);
  const labelled = truth.filter((t) => t.labels.length > 0).length;
  const sampleRows = opts.baselineRows ?? opts.sampleRows ?? 1000;
  const tl = performance.now();
  const loaded = opts.engine === 'postgres' ? await loadPostgres(corpus, opts.adminUrl, opts.track) : await loadMysql(corpus, opts.adminUrl, opts.track);
  log(`${opts.engine}: loaded ${corpus.tables.length} tables in ${((performance.now() - tl) / 1000).toFixed(1)} s`);
  const scores: Record<string, Scores> = {};
  const notes: string[] = [];
  let wrong: CorpusRun['misclassified'] = [];
  let flip: FlipResult | null = null;
  const scanMs: number[] = [];
  try {
    if (opts.minim !== false) {
      const runs: Array<Map<string, Set<string>>> = [];
      for (const seed of opts.scanSeeds) {
        const extra = ['--seed', String(seed), ...(opts.sampleRows !== undefined ? ['--sample-rows', String(opts.sampleRows)] : [])];
        const run = await runMinim(loaded, extra);
        scanMs.push(run.wallMs);
        log(`${opts.engine}: minim scan --seed ${seed} in ${(run.wallMs / 1000).toFixed(1)} s`);
        if (runs.length === 0 && run.errors.length > 0) notes.push(`minim scan errors: ${run.errors.join('; ')}`);
        runs.push(run.predicted);
      }
      const first = runs[0]!;
      scores['minim'] = score(truth, first);
      wrong = misclassified(truth, first).map((m) => ({ ...m, key: display.get(m.key) ?? m.key }));
      const missing = scores['minim'].missingColumns;
      if (missing > 0) notes.push(`${missing} corpus columns absent from minim's scan output (counted as nothing found)`);
      if (runs.length > 1) {
        const flipped: string[] = [];
        for (const { key } of truth) {
          const k0 = setKey(first.get(key));
          if (runs.some((r) => setKey(r.get(key)) !== k0)) flipped.push(display.get(key) ?? key);
        }
        flip = { runs: runs.length, columns: truth.length, flipped: flipped.length, flippedColumns: flipped };
      }
    }
    if (opts.baselines !== false) {
      const nameOnly = new Map(corpusColumns(corpus).map(({ table, column }) => [columnKey(table.department, table.name, column.name), classifyByName(column.name) as Set<string>]));
      scores['name-only'] = score(truth, nameOnly);
      const ts = performance.now();
      const samples = await sampleCorpus(loaded, corpus, sampleRows);
      const or = opts.openredaction ?? new OpenRedactionBaseline();
      const orPred = new Map<string, Set<string>>();
      for (const [key, values] of samples) orPred.set(key, (await or.classify(values)) as Set<string>);
      log(`${opts.engine}: sampled and ran openredaction in ${((performance.now() - ts) / 1000).toFixed(1)} s`);
      scores['openredaction'] = score(truth, orPred);
    }
  } finally {
    await loaded.drop();
  }
  return {
    engine: opts.engine === 'postgres' ? 'PostgreSQL' : 'MariaDB',
    columns: truth.length,
    labelled,
    clean: truth.length - labelled,
    sampleRows,
    scores,
    misclassified: wrong,
    flip,
    notes,
    scanMs,
  };
}
