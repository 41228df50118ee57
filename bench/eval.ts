/**
 * `npm run eval`: measures minim's column classification on two labelled corpora, each loaded into
 * the real PostgreSQL and MariaDB and scanned through the CLI, beside two baselines (name-only
 * rules; openredaction on sampled values):
 *
 *   development  bench/eval/corpus-tables.ts — a fictional city's databases. Its first run's errors
 *                were fed back into the rules, so it is a development set, not a held-out one.
 *   held-out     bench/eval/heldout/ — ten real applications' schemas (OpenEMR, Synthea, OMOP CDM,
 *                OrangeHRM, employees, SuiteCRM, FixMyStreet, Sakila, Northwind, Chinook), labelled
 *                by purpose before minim ever ran on it (docs/eval-labelling.md).
 *
 * Prints, per corpus and engine: per-category P/R, micro P/R/F1, audit-five recall, false alarms
 * per 100 clean columns, minim's misclassified columns (names only), and the flip rate: each corpus
 * is scanned N times with `--seed 1..N` (different random samples) and a column flips when its
 * reported categories differ between scans. Run 1 (`--seed 1`) is the measurement.
 *
 * Flags: --engines postgres,mysql  --corpus development|heldout|both  --flips N (default 10)
 *        --quick (3 scans per corpus)  --seed N (development corpus)  --heldout-seed N
 *        --sample-rows N  --skip-minim  --write (record the figures in docs/figures.json)
 *        --first (with --write: also record eval.heldout.first, refused when it exists)
 */
import { execFileSync } from 'node:child_process';
import { DEFAULT_SEED, generateCorpus, type Corpus } from './eval/corpus.js';
import { generateHeldout, HELDOUT_SEED } from './eval/heldout/index.js';
import type { EvalDialect } from './eval/load.js';
import { OpenRedactionBaseline } from './eval/baselines/openredaction.js';
import { minimAvailable } from './eval/minim.js';
import { renderEngine } from './eval/report.js';
import { runCorpus, type CorpusRun } from './eval/run.js';
import { corpusFigures, corpusMarkdown, flipMarkdown, type FlipFigures } from './eval/figures-eval.js';
import { PERMANENT_SECTIONS, readFigures, writeFigures } from './figures.js';
import { writeCompare } from './eval-compare.js';

interface Args {
  engines: EvalDialect[];
  corpora: Array<'development' | 'heldout'>;
  seed: number;
  heldoutSeed: number;
  flips: number;
  /** Engines scanned `flips` times; the others are scanned once (MariaDB scans one database per department, so ten scans of every corpus take long). */
  flipEngines: EvalDialect[];
  sampleRows?: number;
  /** The baselines' sample (openredaction runs on every sampled value). */
  baselineRows?: number;
  skipMinim: boolean;
  write: boolean;
  first: boolean;
}

const FLAGS = '--engines, --corpus, --flips, --flip-engines, --quick, --seed, --heldout-seed, --sample-rows, --baseline-rows, --skip-minim, --write, --first';

export function parseArgs(argv: string[]): Args {
  const args: Args = { engines: ['postgres', 'mysql'], corpora: ['development', 'heldout'], seed: DEFAULT_SEED, heldoutSeed: HELDOUT_SEED, flips: 10, flipEngines: ['postgres', 'mysql'], skipMinim: false, write: false, first: false };
  const int = (flag: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`eval: ${flag} takes an integer ≥ ${min}, got "${v}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`eval: ${a} needs a value`);
      return v;
    };
    if (a === '--engines') {
      args.engines = next().split(',').map((e) => e.trim()) as EvalDialect[];
      for (const e of args.engines) if (e !== 'postgres' && e !== 'mysql') throw new Error(`eval: unknown engine "${e}"; use postgres,mysql`);
    } else if (a === '--corpus') {
      const v = next();
      if (v === 'both') args.corpora = ['development', 'heldout'];
      else if (v === 'development' || v === 'heldout') args.corpora = [v];
      else throw new Error(`eval: unknown corpus "${v}"; use development, heldout or both`);
    } else if (a === '--flips') args.flips = int(a, next(), 1);
    else if (a === '--flip-engines') {
      args.flipEngines = next().split(',').map((e) => e.trim()) as EvalDialect[];
      for (const e of args.flipEngines) if (e !== 'postgres' && e !== 'mysql') throw new Error(`eval: unknown engine "${e}" in --flip-engines; use postgres,mysql`);
    }
    else if (a === '--baseline-rows') args.baselineRows = int(a, next(), 1);
    else if (a === '--quick') args.flips = 3;
    else if (a === '--seed') args.seed = int(a, next(), 0);
    else if (a === '--heldout-seed') args.heldoutSeed = int(a, next(), 0);
    else if (a === '--sample-rows') args.sampleRows = int(a, next(), 1);
    else if (a === '--skip-minim') args.skipMinim = true;
    else if (a === '--write') args.write = true;
    else if (a === '--first') args.first = true;
    else throw new Error(`eval: unknown flag ${a}; flags: ${FLAGS}`);
  }
  if (args.write) {
    const full = args.engines.length === 2 && !args.skipMinim && args.sampleRows === undefined && args.seed === DEFAULT_SEED && args.heldoutSeed === HELDOUT_SEED;
    if (!full) throw new Error('eval: --write records the committed figures, so it needs both engines, the default seeds and sample size, and minim measured');
  }
  if (args.first && !args.write) throw new Error('eval: --first needs --write');
  return args;
}

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'rules', 'connectors'], { encoding: 'utf8' }).trim();
    return dirty ? `${sha} + uncommitted changes in src/rules/connectors` : sha;
  } catch {
    return 'unknown';
  }
}

const log = (msg: string) => process.stderr.write(`[eval] ${msg}\n`);
const LABEL = { development: 'development corpus (a fictional city; tuned on, not held out)', heldout: 'held-out corpus (10 real applications\' schemas, labelled before minim ran)' } as const;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.first && readFigures().sections['eval.heldout.first']) {
    throw new Error('eval: eval.heldout.first is already recorded (it is measured once and never overwritten); run without --first');
  }
  const runMinimToo = !args.skipMinim && minimAvailable();
  if (!args.skipMinim && !runMinimToo) log('minim is not built (dist/src/cli/commands/scan.js missing): baselines only');
  if (args.write && !runMinimToo) throw new Error('eval: --write needs minim built (npm run build)');
  const seedsFor = (engine: EvalDialect) => Array.from({ length: args.flipEngines.includes(engine) ? args.flips : 1 }, (_, i) => i + 1);
  const openredaction = new OpenRedactionBaseline();
  const live = new Set<() => Promise<void>>();
  const onSignal = () => {
    log('interrupted: dropping the evaluation databases');
    void Promise.all([...live].map((d) => d().catch(() => undefined))).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const commit = gitCommit();
  const results: Record<'development' | 'heldout', { corpus: Corpus; runs: CorpusRun[] }> = {} as never;
  try {
    for (const which of args.corpora) {
      const t0 = performance.now();
      const corpus = which === 'development' ? generateCorpus(args.seed) : generateHeldout(args.heldoutSeed);
      log(`${which}: ${corpus.tables.length} tables generated in ${Math.round(performance.now() - t0)} ms`);
      const runs: CorpusRun[] = [];
      for (const engine of args.engines) {
        try {
          runs.push(await runCorpus(corpus, { engine, scanSeeds: seedsFor(engine), sampleRows: args.sampleRows, baselineRows: args.baselineRows, minim: runMinimToo, openredaction, log: (m) => log(`${which} ${m}`), track: (d) => live.add(d) }));
        } catch (e) {
          log(`${which} ${engine}: ${(e as Error).message}`);
          process.exitCode = 2;
        }
      }
      results[which] = { corpus, runs };
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  process.stdout.write(`minim evaluation — minim commit ${commit}${runMinimToo ? `, ${args.flips} scan${args.flips === 1 ? '' : 's'} per corpus on ${args.flipEngines.join(', ')} (--seed 1..${args.flips}; --seed 1 is measured)` : ' (minim not run)'}\n`);
  const sections: Parameters<typeof writeFigures>[0] = {};
  const command = `npm run eval -- --write${args.corpora.length === 1 ? ` --corpus ${args.corpora[0]}` : ''} --flips ${args.flips} --flip-engines ${args.flipEngines.join(',')}${args.baselineRows ? ` --baseline-rows ${args.baselineRows}` : ''}`;
  const flip: FlipFigures = { rows: [] };
  for (const which of args.corpora) {
    const r = results[which];
    if (!r) continue;
    const seed = which === 'development' ? args.seed : args.heldoutSeed;
    process.stdout.write(`\n=== ${LABEL[which]}, seed ${seed} ===\n`);
    for (const run of r.runs) {
      process.stdout.write(renderEngine({ ...run, engine: `${run.engine} (${which})` }) + '\n');
      if (run.flip) {
        process.stdout.write(`flip rate over ${run.flip.runs} scans: ${run.flip.flipped} of ${run.flip.columns} columns${run.flip.flipped ? ` (${run.flip.flippedColumns.join(', ')})` : ''}\n`);
        flip.rows.push({ corpus: which, engine: run.engine, runs: run.flip.runs, columns: run.flip.columns, flipped: run.flip.flipped, flippedColumns: run.flip.flippedColumns });
      }
    }
    const figures = corpusFigures(which === 'development' ? 'development' : 'held-out', seed, 1, commit, r.corpus.tables.length, r.runs, args.baselineRows ?? args.sampleRows ?? 1000);
    process.stdout.write(`\nfigures (${which}, JSON):\n${JSON.stringify(figures)}\n`);
    const name = which === 'development' ? 'eval.development' : 'eval.heldout';
    sections[name] = { command, data: figures, markdown: corpusMarkdown(figures) };
    if (which === 'heldout' && args.first) {
      sections['eval.heldout.first'] = {
        command: `${command} --first`,
        data: figures,
        markdown: `**First measurement of the held-out corpus, untuned** (recorded once, never overwritten).\n\n${corpusMarkdown(figures)}`,
      };
    }
  }
  if (flip.rows.length > 0) {
    // Keep the recorded rows of corpora not measured in this run.
    const before = (readFigures().sections['eval.flip']?.data as FlipFigures | undefined)?.rows ?? [];
    const measured = new Set(flip.rows.map((r) => r.corpus));
    flip.rows = [...before.filter((r) => !measured.has(r.corpus) && typeof r.runs === 'number'), ...flip.rows];
    sections['eval.flip'] = { command, data: flip, markdown: flipMarkdown(flip) };
  }
  if (args.write) {
    if (process.exitCode === 2) throw new Error('eval: an engine was not measured; figures not written');
    for (const p of PERMANENT_SECTIONS) if (p !== 'eval.heldout.first' || !args.first) delete sections[p];
    writeFigures(sections);
    writeCompare();
    log(`wrote ${Object.keys(sections).join(', ')}, eval.compare to docs/figures.json and re-rendered the docs`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exitCode = 2;
});
