/**
 * `npm run eval`: loads the labelled corpus into the real PostgreSQL and MariaDB, scans it with
 * minim's CLI, runs two baselines on the same corpus (name-only rules; openredaction on sampled
 * values), and prints column-level precision/recall per category, micro F1, audit-five recall and
 * false alarms per 100 clean columns. Everything loaded is dropped at the end, even on failure.
 *
 * Flags: --engines postgres,mysql  --seed N  --sample-rows N (baseline sample; also passed to minim)
 *        --skip-minim (baselines only)
 */
import { execFileSync } from 'node:child_process';
import { generateCorpus, corpusColumns, DEFAULT_SEED } from './eval/corpus.js';
import { loadMysql, loadPostgres, type EvalDialect } from './eval/load.js';
import { columnKey, sampleCorpus } from './eval/sample.js';
import { misclassified, score, type Scores, type Truth } from './eval/metrics.js';
import { classifyByName } from './eval/baselines/name-only.js';
import { OpenRedactionBaseline } from './eval/baselines/openredaction.js';
import { minimAvailable, runMinim } from './eval/minim.js';
import { renderEngine, type EngineReport } from './eval/report.js';

interface Args {
  engines: EvalDialect[];
  seed: number;
  sampleRows: number;
  sampleRowsGiven: boolean;
  skipMinim: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { engines: ['postgres', 'mysql'], seed: DEFAULT_SEED, sampleRows: 1000, sampleRowsGiven: false, skipMinim: false };
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
    } else if (a === '--seed') args.seed = Number(next());
    else if (a === '--sample-rows') {
      args.sampleRows = Number(next());
      args.sampleRowsGiven = true;
    } else if (a === '--skip-minim') args.skipMinim = true;
    else throw new Error(`eval: unknown flag ${a}; flags: --engines, --seed, --sample-rows, --skip-minim`);
  }
  if (!Number.isInteger(args.seed) || !Number.isInteger(args.sampleRows) || args.sampleRows < 1) throw new Error('eval: --seed and --sample-rows take integers');
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

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const corpus = generateCorpus(args.seed);
  const all = corpusColumns(corpus);
  const truth: Truth[] = all.map(({ table, column }) => ({ key: columnKey(table.department, table.name, column.name), labels: column.labels }));
  const labelled = truth.filter((t) => t.labels.length > 0).length;
  const display = new Map(all.map(({ table, column }) => [columnKey(table.department, table.name, column.name), `${table.department}.${table.name}.${column.name}`]));
  log(`corpus seed ${args.seed}: ${corpus.tables.length} tables, ${truth.length} columns (${labelled} labelled) in ${Math.round(performance.now() - t0)} ms`);

  const nameOnly = new Map(all.map(({ table, column }) => [columnKey(table.department, table.name, column.name), classifyByName(column.name) as Set<string>]));
  const runMinimToo = !args.skipMinim && minimAvailable();
  if (!args.skipMinim && !runMinimToo) log('minim scan is not built (dist/src/cli/commands/scan.js missing): baselines only');
  const openredaction = new OpenRedactionBaseline();

  // Drop functions of everything created so far; each is idempotent (a second call awaits the first).
  const live = new Set<() => Promise<void>>();
  const cleanup = async () => {
    for (const drop of live) await drop().catch((e: unknown) => log(`drop failed: ${(e as Error).message}`));
    live.clear();
  };
  const onSignal = () => {
    log('interrupted: dropping the evaluation databases');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const reports: EngineReport[] = [];
  try {
    for (const engine of args.engines) {
      const tl = performance.now();
      const track = (drop: () => Promise<void>) => live.add(drop);
      const loaded = engine === 'postgres' ? await loadPostgres(corpus, undefined, track) : await loadMysql(corpus, undefined, track);
      log(`${engine}: loaded in ${((performance.now() - tl) / 1000).toFixed(1)} s`);
      const scores: Record<string, Scores> = {};
      const notes: string[] = [];
      let wrong: EngineReport['misclassified'] = [];
      if (runMinimToo) {
        try {
          const run = await runMinim(loaded, args.sampleRowsGiven ? ['--sample-rows', String(args.sampleRows)] : []);
          log(`${engine}: minim scanned in ${(run.wallMs / 1000).toFixed(1)} s`);
          scores['minim'] = score(truth, run.predicted);
          wrong = misclassified(truth, run.predicted).map((m) => ({ ...m, key: display.get(m.key) ?? m.key }));
          const missing = scores['minim'].missingColumns;
          if (missing > 0) notes.push(`${missing} corpus columns absent from minim's scan output (counted as nothing found)`);
          if (run.errors.length > 0) notes.push(`minim scan errors: ${run.errors.join('; ')}`);
        } catch (e) {
          // The baselines still run; the failure is printed and the exit code says the run is incomplete.
          notes.push(`minim was not measured: ${(e as Error).message}`);
          log(`${engine}: ${(e as Error).message}`);
          process.exitCode = 2;
        }
      }
      scores['name-only'] = score(truth, nameOnly);
      const ts = performance.now();
      const samples = await sampleCorpus(loaded, corpus, args.sampleRows);
      const orPred = new Map<string, Set<string>>();
      for (const [key, values] of samples) orPred.set(key, (await openredaction.classify(values)) as Set<string>);
      log(`${engine}: sampled and ran openredaction in ${((performance.now() - ts) / 1000).toFixed(1)} s (${openredaction.detectCalls} distinct values so far)`);
      scores['openredaction'] = score(truth, orPred);
      await loaded.drop();
      live.delete(loaded.drop);
      reports.push({
        engine: engine === 'postgres' ? 'PostgreSQL' : 'MariaDB',
        columns: truth.length,
        labelled,
        clean: truth.length - labelled,
        sampleRows: args.sampleRows,
        scores,
        misclassified: wrong,
        notes,
      });
    }
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const commit = gitCommit();
  process.stdout.write(`minim evaluation — corpus seed ${args.seed}, minim commit ${commit}${runMinimToo ? '' : ' (minim not run)'}\n`);
  for (const r of reports) process.stdout.write(renderEngine(r) + '\n');
  const figures = {
    seed: args.seed,
    commit,
    columns: truth.length,
    labelled,
    engines: Object.fromEntries(
      reports.map((r) => [
        r.engine,
        Object.fromEntries(
          Object.entries(r.scores).map(([p, s]) => [p, {
            micro: s.micro, audit: s.audit, falseAlarmsPer100Clean: s.falseAlarmsPer100Clean,
            falseAlarmColumns: s.falseAlarmColumns, cleanColumns: s.cleanColumns, perCategory: s.perCategory,
          }]),
        ),
      ]),
    ),
  };
  process.stdout.write('\nfigures (JSON):\n' + JSON.stringify(figures) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`eval: ${(e as Error).message}\n`);
  process.exitCode = 2;
});
