/** `minim scan [SOURCE…]`: sample and classify; no source and no config → the embedded demo city. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { action, type CliContext } from '../context.js';
import { DEFAULT_CONFIG_FILE, loadConfig, sourceFromArg } from '../../config.js';
import { MinimError } from '../../errors.js';
import { jsonPieces, writePiecesAtomic } from '../../report/json-stream.js';
import { scan, type SourceSpec } from '../../scan/index.js';
import type { ScanOptions } from '../../scan/options.js';
import type { ScanResult } from '../../types.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { createProgress } from '../../util/progress.js';
import { renderTable, summaryLine } from '../../report/table.js';
import { renderCsv } from '../../report/csv.js';
import { renderMarkdown } from '../../report/markdown.js';
import { renderHtml } from '../../report/html.js';
import { renderExposure } from '../../report/exposure-render.js';
import { renderScanSarif } from '../../report/sarif.js';
import { renderScanJunit } from '../../report/junit.js';
// issue 7 (streaming, resume, shards): src/scan/stream.ts, src/scan/shard.ts
import { openScanStream, renderNdjson } from '../../scan/stream.js';
import { parseShard, shardSources } from '../../scan/shard.js';
import { dialectOf, redactUrl } from '../../util/url.js';
import { loadRules, type Rules } from '../../rules/load.js';
import { historySettings, openHistory } from '../../history/open.js';
import { safeText } from '../../util/text.js';
import { checkCategories } from '../categories.js';

export const FORMATS = ['table', 'json', 'csv', 'markdown', 'html', 'ndjson', 'sarif', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

const list = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];
const int = (name: string, max = Number.MAX_SAFE_INTEGER) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? '≥ 1' : `from 1 to ${max}`;
    throw new MinimError('USAGE', `${name} takes a whole number ${range}, not "${v}"`);
  }
  return n;
};

export interface ScanCliOptions {
  config?: string;
  demo?: boolean;
  format?: Format;
  out?: string;
  sampleRows?: number;
  concurrency?: number;
  include?: string[];
  exclude?: string[];
  rules?: string[];
  failOn?: string[];
  showCandidates?: boolean;
  exact?: boolean;
  timeout?: number;
  viewTimeout?: number;
  seed?: number;
  exposure?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  progress?: boolean;
  // issue 7
  globalConcurrency?: number;
  classifyThreads?: number;
  resume?: boolean;
  shard?: string;
  // issue 14: scan history
  history?: string | boolean;
  keep?: number;
}

/** Renders a scan result in one of the formats. */
export function renderScan(result: ScanResult, format: Format, options: { showCandidates?: boolean; width?: number; failOn?: readonly string[] } = {}): string {
  switch (format) {
    case 'sarif':
      return renderScanSarif(result);
    case 'junit':
      return renderScanJunit(result, options.failOn ?? []);
    case 'json':
      return JSON.stringify(result, null, 2) + '\n';
    case 'csv':
      return renderCsv(result);
    case 'markdown':
      return renderMarkdown(result);
    case 'html':
      return renderHtml(result);
    case 'ndjson':
      return renderNdjson(result);
    default:
      return renderTable(result, options);
  }
}

/** Which categories at or above `--fail-on` were found: `any` matches every category. */
export function failingCategories(result: ScanResult, failOn: readonly string[]): string[] {
  if (failOn.length === 0) return [];
  const any = failOn.includes('any');
  const hit = new Set<string>();
  for (const c of result.columns) for (const f of c.findings) if (any || failOn.includes(f.category)) hit.add(f.category);
  return [...hit].sort();
}

/** `--fail-on` checked against the category ids the rules know (and `any`); an unknown one is a usage error (exit 2). */
export function checkFailOn(failOn: readonly string[], rules: Rules): string[] {
  for (const c of failOn) {
    if (c !== 'any' && !rules.categories.has(c)) {
      const known = [...rules.categories.keys()].sort().join(', ');
      throw new MinimError('USAGE', `--fail-on: unknown category "${c}"; use any, or one of: ${known}`);
    }
  }
  return [...failOn];
}

/** Builds scan options from the command line and the config file. */
export function scanOptionsFrom(sources: string[], opts: ScanCliOptions, ctx: CliContext): { options: ScanOptions; failOn: string[] } {
  if (opts.demo && sources.length > 0) throw new MinimError('USAGE', '--demo scans the embedded demo city; drop the SOURCE arguments or --demo');
  const configPath = opts.config !== undefined ? resolve(ctx.cwd, opts.config) : (!opts.demo && sources.length === 0 && existsSync(join(ctx.cwd, DEFAULT_CONFIG_FILE)) ? join(ctx.cwd, DEFAULT_CONFIG_FILE) : undefined);
  const config = configPath ? loadConfig(configPath, ctx.env) : undefined;
  let specs: SourceSpec[] = sources.map(sourceFromArg);
  if (specs.length === 0 && config && !opts.demo) specs = config.sources;
  if (opts.shard !== undefined) specs = shardSources(specs, parseShard(opts.shard));
  const s = config?.scan ?? {};
  const options: ScanOptions = {
    sources: specs,
    ...(opts.sampleRows ?? s.sampleRows ? { sampleRows: opts.sampleRows ?? s.sampleRows } : {}),
    ...(opts.concurrency ?? s.concurrency ? { concurrency: opts.concurrency ?? s.concurrency } : {}),
    ...(opts.globalConcurrency ?? s.globalConcurrency ? { globalConcurrency: opts.globalConcurrency ?? s.globalConcurrency } : {}),
    include: [...(s.include ?? []), ...(opts.include ?? [])],
    exclude: [...(s.exclude ?? []), ...(opts.exclude ?? [])],
    rulesDirs: [...(s.rules ?? []), ...(opts.rules ?? [])],
    showCandidates: opts.showCandidates ?? false,
    ...(opts.seed !== undefined ? { sampleSeed: opts.seed } : {}),
    ...(opts.classifyThreads !== undefined ? { classifyThreads: opts.classifyThreads } : {}),
    exact: opts.exact ?? false,
    ...(opts.timeout ?? s.statementTimeoutMs ? { statementTimeoutMs: opts.timeout ?? s.statementTimeoutMs } : {}),
    ...(opts.viewTimeout ? { viewTimeoutMs: opts.viewTimeout } : {}),
    ...(s.lockTimeoutMs ? { lockTimeoutMs: s.lockTimeoutMs } : {}),
    ...(s.connectTimeoutMs ? { connectTimeoutMs: s.connectTimeoutMs } : {}),
    ...(s.maxValueLength ? { maxValueLength: s.maxValueLength } : {}),
    logger: ctx.logger(opts.quiet ? 'quiet' : opts.verbose ? 'debug' : 'info'),
  };
  const failOn = opts.failOn ?? s.failOn ?? [];
  checkCategories(failOn, opts.failOn ? '--fail-on' : `${configPath ?? 'config'} scan.failOn`, { rulesDirs: options.rulesDirs ?? [], allowAny: true });
  return { options, failOn };
}

export async function runScan(sources: string[], opts: ScanCliOptions, ctx: CliContext): Promise<number> {
  // Paths are the caller's: relative to the context's working directory, not the process's.
  if (opts.out !== undefined) opts = { ...opts, out: resolve(ctx.cwd, opts.out) };
  const { options, failOn } = scanOptionsFrom(sources, opts, ctx);
  const format: Format = opts.format ?? (opts.out?.endsWith('.ndjson') ? 'ndjson' : ctx.stdout.isTTY ? 'table' : 'json');
  if (opts.resume && !(format === 'ndjson' && opts.out)) throw new MinimError('USAGE', '--resume continues a streamed scan: use it with --out FILE.ndjson');
  if (opts.shard !== undefined && options.sources!.length === 0) {
    // An empty shard (more shards than sources) scans nothing rather than the demo city.
    return writeScan({ version: 1, scannedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), sources: [], columns: [], errors: [] }, format, opts, ctx, failOn);
  }
  const stream = format === 'ndjson'
    ? openScanStream(opts.out ?? null, {
        resume: opts.resume ?? false,
        showCandidates: opts.showCandidates ?? false,
        sources: (options.sources ?? []).map((s) => ({ name: s.name, dialect: dialectOf(s.url, s.name), url: redactUrl(s.url), ...(s.department ? { department: s.department } : {}) })),
        ...(opts.out ? {} : { write: (l: string) => void ctx.stdout.write(l) }),
      })
    : undefined;
  const progress = opts.progress === false || opts.quiet ? undefined : createProgress(ctx);
  let result: ScanResult;
  try {
    result = await scan({
      ...options,
      ...(progress?.active ? { onProgress: (e) => progress.tick(e) } : {}),
      ...(stream ? { onTable: stream.onTable, skipTable: stream.skipTable } : {}),
    });
  } catch (e) {
    stream?.abort();
    throw e;
  } finally {
    progress?.stop();
  }
  if (stream) {
    result = stream.finish(result);
    if (opts.history) await recordHistory(result, opts, ctx);
    if (!opts.quiet) ctx.stderr.write(`${summaryLine(result)}${opts.out ? ` Wrote ${opts.out}${stream.finished ? ` (${stream.finished} tables kept from the earlier run)` : ''}.` : ''}\n`);
    return exitCodeOf(result, opts, ctx, failOn);
  }
  if (opts.history) await recordHistory(result, opts, ctx);
  return writeScan(result, format, opts, ctx, failOn);
}

/** `--history [URL]`: stores the run (never values) and prunes to the retention. */
async function recordHistory(result: ScanResult, opts: ScanCliOptions, ctx: CliContext): Promise<void> {
  const settings = historySettings(opts.history, opts.keep, opts.config, ctx.cwd, ctx.env);
  const store = await openHistory(settings);
  try {
    const ids = await store.record(result);
    const pruned = await store.prune(settings.keep);
    if (!opts.quiet) ctx.stderr.write(`Stored run${ids.length === 1 ? '' : 's'} ${ids.join(', ')} in ${store.where}${pruned ? `; pruned ${pruned} older run(s) (keeping ${settings.keep} per source)` : ''}.\n`);
  } finally {
    await store.close();
  }
}

async function writeScan(result: ScanResult, format: Format, opts: ScanCliOptions, ctx: CliContext, failOn: string[]): Promise<number> {
  if (!opts.showCandidates) {
    for (const c of result.columns) delete c.candidates;
    delete result.candidatesListed;
  }
  if (format === 'json' && !opts.exposure) {
    // NOTE: streamed: at 10,000 tables the document is tens of MB; it is never one string.
    if (opts.out) {
      await writePiecesAtomic(opts.out, jsonPieces(result));
      if (!opts.quiet) ctx.stderr.write(`${summaryLine(result)} Wrote ${opts.out}.\n`);
    } else {
      let buf = '';
      for (const p of jsonPieces(result)) {
        buf += p;
        if (buf.length >= 1 << 16) {
          ctx.stdout.write(buf);
          buf = '';
        }
      }
      if (buf) ctx.stdout.write(buf);
      if (!opts.quiet) ctx.stderr.write(summaryLine(result) + '\n');
    }
    return exitCodeOf(result, opts, ctx, failOn);
  }
  const width = (ctx.stdout as { columns?: number }).columns;
  const text =
    opts.exposure && format !== 'ndjson' && format !== 'sarif' && format !== 'junit'
      ? renderExposure(result, format)
      : renderScan(result, format, { showCandidates: opts.showCandidates ?? false, failOn, ...(width ? { width } : {}) });
  if (opts.out) {
    await writeFileAtomic(opts.out, text);
    if (!opts.quiet) ctx.stderr.write(`${summaryLine(result)} Wrote ${opts.out}.\n`);
  } else {
    ctx.stdout.write(text);
    if (format !== 'table' && !opts.quiet) ctx.stderr.write(summaryLine(result) + '\n');
  }
  return exitCodeOf(result, opts, ctx, failOn);
}

function exitCodeOf(result: ScanResult, opts: ScanCliOptions, ctx: CliContext, failOn: string[]): number {
  const connectFailures = result.errors.filter((e) => e.table === undefined);
  if (connectFailures.length > 0) {
    for (const e of connectFailures) ctx.stderr.write(safeText(`minim: ${e.code}: ${e.message}`) + '\n');
    return 2;
  }
  const failing = failingCategories(result, failOn);
  if (failing.length > 0) {
    if (!opts.quiet) ctx.stderr.write(safeText(`minim: found ${failing.join(', ')} (--fail-on ${failOn.join(',')})`) + '\n');
    return 1;
  }
  return 0;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('scan')
    .description('sample every column and classify it; with no source and no config, scan the embedded demo city')
    .argument('[sources...]', 'connection URLs (postgres://, mysql://, mssql://, pglite:DIR), optionally NAME=URL')
    .option('-c, --config <file>', `config file (default: ./${DEFAULT_CONFIG_FILE} when present)`)
    .option('--demo', 'scan the embedded demo city')
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, json when piped)').choices(FORMATS))
    .option('-o, --out <file>', 'write the output to a file (atomically) instead of stdout')
    .option('--sample-rows <n>', 'rows sampled per table (default 1000)', int('--sample-rows'))
    .option('--concurrency <n>', 'tables sampled at once per server (default 4)', int('--concurrency'))
    .option('--include <patterns>', 'only tables matching schema.table globs (comma-separated, repeatable)', list)
    .option('--exclude <patterns>', 'skip tables matching schema.table globs (comma-separated, repeatable)', list)
    .option('--rules <dir>', 'an extra rules directory (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--fail-on <categories>', 'exit 1 when any of these categories is found (comma-separated, or "any")', list)
    .option('--show-candidates', 'also list low-confidence candidates for review')
    .option('--exact', 'count matches over whole tables inside the database for each finding')
    .option('--timeout <ms>', 'statement timeout per sample query (default 30000)', int('--timeout'))
    .option('--view-timeout <ms>', 'statement timeout when sampling a view, which holds its base tables\' locks while it runs (default 5000, at most --timeout)', int('--view-timeout'))
    .option('--exposure', 'print the exposure summary (rows holding each category per department and source) instead of the inventory')
    .option('--seed <n>', 'reproducible samples: the same seed draws the same rows from unchanged data', int('--seed', 2147483647))
    .option('--global-concurrency <n>', 'tables sampled at once across all servers (default 16)', int('--global-concurrency'))
    .option('--classify-threads <n>', 'worker threads classifying samples while others are read (0: none; default: sized to the machine from 200 tables, none below 4 cores)', (v: string) => {
      const n = Number(v);
      if (!/^\d+$/.test(v) || n > 64) throw new MinimError('USAGE', `--classify-threads takes a whole number from 0 to 64, not "${v}"`);
      return n;
    })
    .option('--resume', 'continue a streamed scan (--out FILE.ndjson): keep its finished tables, scan the rest')
    .option('--shard <i/n>', 'scan only shard i of n of the sources (sorted by name, dealt round-robin); combine with minim merge')
    .option('--history [url]', 'store this scan’s inventory (never values) in the history: postgres://… or pglite:DIR (default: the config’s history.url, else an embedded store in the data directory)')
    .option('--keep <n>', 'history runs kept per source (default: the config’s history.keep, else 24); older runs are pruned', int('--keep'))
    .option('--no-progress', 'no progress bar')
    .option('-q, --quiet', 'no summary or progress on stderr')
    .option('-v, --verbose', 'debug logs on stderr (never values)')
    .action(action(ctx, (sources: string[], opts: ScanCliOptions) => runScan(sources, opts, ctx)));
}
