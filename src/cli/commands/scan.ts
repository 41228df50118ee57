/** `minim scan [SOURCE…]`: sample and classify; no source and no config → the embedded demo city. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliContext, CommandResult } from '../context.js';
import { DEFAULT_CONFIG_FILE, loadConfig, sourceFromArg } from '../../config.js';
import { MinimError } from '../../errors.js';
import { scan, type SourceSpec } from '../../scan/index.js';
import type { ScanOptions } from '../../scan/options.js';
import type { ScanResult } from '../../types.js';
import { createProgress } from '../../util/progress.js';
import { summaryLine } from '../../report/table.js';
import { REPORTERS, formatOfFile, type ScanFormat } from '../../report/reporters.js';
import { openScanStream } from '../../scan/stream.js';
import { parseShard, shardSources } from '../../scan/shard.js';
import { dialectOf, redactUrl } from '../../util/url.js';
import type { Rules } from '../../rules/load.js';
import { historySettings, openHistory } from '../../history/open.js';
import { safeText } from '../../util/text.js';
import { checkCategories } from '../categories.js';
import { defaultCacheDir } from '../../demo/cache-dir.js';

export interface ScanCliOptions {
  config?: string;
  demo?: boolean;
  format?: ScanFormat;
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
  globalConcurrency?: number;
  classifyThreads?: number;
  resume?: boolean;
  shard?: string;
  history?: string | boolean;
  keep?: number;
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
    // The demo city's cache follows the context's environment (MINIM_CACHE_DIR …), not the process's.
    ...(specs.length === 0 ? { demoCacheDir: defaultCacheDir(ctx.env) } : {}),
  };
  const failOn = opts.failOn ?? s.failOn ?? [];
  checkCategories(failOn, opts.failOn ? '--fail-on' : `${configPath ?? 'config'} scan.failOn`, { rulesDirs: options.rulesDirs ?? [], allowAny: true });
  return { options, failOn };
}

export async function runScan(sources: string[], opts: ScanCliOptions, ctx: CliContext): Promise<CommandResult> {
  // Paths are the caller's: relative to the context's working directory, not the process's.
  if (opts.out !== undefined) opts = { ...opts, out: resolve(ctx.cwd, opts.out) };
  const { options, failOn } = scanOptionsFrom(sources, opts, ctx);
  const format: ScanFormat = opts.format ?? formatOfFile(opts.out, ['ndjson']) ?? (ctx.stdout.isTTY ? 'table' : 'json');
  if (opts.resume && !(format === 'ndjson' && opts.out)) throw new MinimError('USAGE', '--resume continues a streamed scan: use it with --out FILE.ndjson');
  if (opts.shard !== undefined && options.sources!.length === 0) {
    // An empty shard (more shards than sources) scans nothing rather than the demo city.
    return scanOutput({ version: 1, scannedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), sources: [], columns: [], errors: [] }, format, opts, ctx, failOn);
  }
  // ndjson is streamed as tables finish (to the file, or to stdout as it comes), not returned at the end.
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
    const summary = opts.quiet ? '' : `${summaryLine(result)}${opts.out ? ` Wrote ${opts.out}${stream.finished ? ` (${stream.finished} tables kept from the earlier run)` : ''}.` : ''}\n`;
    const { code, summary: failures } = verdict(result, opts, failOn);
    return { code, summary: summary + failures };
  }
  if (opts.history) await recordHistory(result, opts, ctx);
  return scanOutput(result, format, opts, ctx, failOn);
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

/** The rendered scan (to --out or stdout), its summary line, and the exit code. */
function scanOutput(result: ScanResult, format: ScanFormat, opts: ScanCliOptions, ctx: CliContext, failOn: string[]): CommandResult {
  if (!opts.showCandidates) {
    for (const c of result.columns) delete c.candidates;
    delete result.candidatesListed;
  }
  const reporter = REPORTERS[format];
  const width = (ctx.stdout as { columns?: number }).columns;
  // A large inventory is written in pieces (at 10,000 tables the JSON is tens of MB), never as one string.
  const text = opts.exposure && reporter.exposure
    ? reporter.exposure(result, {})
    : (reporter.stream ?? reporter.render)(result, { showCandidates: opts.showCandidates ?? false, failOn, ...(width ? { width } : {}) });
  const { code, summary: failures } = verdict(result, opts, failOn);
  const summary = opts.quiet ? '' : opts.out ? `${summaryLine(result)} Wrote ${opts.out}.\n` : format !== 'table' ? summaryLine(result) + '\n' : '';
  return { code, output: { text, ...(opts.out ? { file: opts.out } : {}) }, summary: summary + failures };
}

/** The exit code, with its reason on stderr: 2 a source could not be read at all, 1 a --fail-on category was found. */
function verdict(result: ScanResult, opts: ScanCliOptions, failOn: string[]): { code: number; summary: string } {
  const connectFailures = result.errors.filter((e) => e.table === undefined);
  if (connectFailures.length > 0) return { code: 2, summary: connectFailures.map((e) => safeText(`minim: ${e.code}: ${e.message}`) + '\n').join('') };
  const failing = failingCategories(result, failOn);
  if (failing.length > 0) return { code: 1, summary: opts.quiet ? '' : safeText(`minim: found ${failing.join(', ')} (--fail-on ${failOn.join(',')})`) + '\n' };
  return { code: 0, summary: '' };
}
