/** `minim check`: the CI gate. Exit 1 when a sensitive column is new, changed, not approved, or approved but not applied. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { readBaseline, type Baseline } from '../../check/baseline.js';
import { checkScan, type CheckResult } from '../../check/compare.js';
import { DEFAULT_CHECK_SEED, DEFAULT_MARGIN, validatedRuleIds } from '../../check/gate.js';
import { evaluateIgnores, loadIgnores, type IgnoreEntry } from '../../check/ignore.js';
import { stewardsVerifier } from '../../check/ignore-signature.js';
import { checkSummary, renderCheckJson, renderCheckMarkdown, renderCheckTable } from '../../check/render.js';
import { renderCheckJunit, renderCheckSarif } from '../../check/ci-formats.js';
import { ERROR_CODES, MinimError, type ErrorCode } from '../../errors.js';
import { readAccessFile, readScanFile } from '../../report/read-input.js';
import { openConnector, DEFAULT_CONNECTOR_OPTIONS } from '../../../connectors/index.js';
import { DEFAULT_ACCESS_POLICY_PATH, loadAccessPolicy } from '../../access/policy.js';
import { reviewSource } from '../../access/review.js';
import { newUnauthorizedReaders } from '../../access/judge.js';
import type { AccessColumn, AccessReview } from '../../access/types.js';
import { accessBaselineFromHistory } from '../../history/access-baseline.js';
import { historySettings, openHistory } from '../../history/open.js';
import { safeText } from '../../util/text.js';
import { loadRules } from '../../rules/load.js';
import { scan } from '../../scan/index.js';
import type { ScanResult } from '../../types.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { createProgress } from '../../util/progress.js';
import { action, type CliContext } from '../context.js';
import { checkFailOn, scanOptionsFrom } from './scan.js';

export const CHECK_FORMATS = ['table', 'json', 'markdown', 'sarif', 'junit'] as const;
import { findStewardsFile, loadStewards } from '../../approvals/stewards.js';
import { assertPlanVerifies, verifyPlan } from '../../approvals/verify.js';

interface CheckOptions {
  baseline?: string;
  writeBaseline?: string;
  scan?: string;
  config?: string;
  demo?: boolean;
  format?: (typeof CHECK_FORMATS)[number];
  out?: string;
  seed?: number;
  margin?: number;
  failOn?: string[];
  ignore?: string;
  stewards?: string;
  rules?: string[];
  quiet?: boolean;
  accessBaseline?: string;
  accessHistory?: string | boolean;
  accessPolicy?: string;
}

async function scanNow(sources: string[], opts: CheckOptions, seed: number, ctx: CliContext): Promise<ScanResult> {
  const { options } = scanOptionsFrom(sources, { ...(opts.config ? { config: opts.config } : {}), ...(opts.demo ? { demo: true } : {}), ...(opts.rules ? { rules: opts.rules } : {}), quiet: opts.quiet ?? false, seed, showCandidates: true }, ctx);
  if (!options.sources?.length && !opts.demo) throw new MinimError('USAGE', 'check needs SOURCE URLs, --config FILE (or ./minim.config.yaml), --demo, or --scan FILE');
  const progress = opts.quiet ? undefined : createProgress(ctx);
  let current: ScanResult;
  try {
    current = await scan({ ...options, ...(progress?.active ? { onProgress: (e) => progress.tick(e) } : {}) });
  } finally {
    progress?.stop();
  }
  const failed = current.errors.find((e) => e.table === undefined);
  if (failed) {
    const code = (ERROR_CODES as readonly string[]).includes(failed.code) ? (failed.code as ErrorCode) : 'CONNECT_FAILED';
    throw new MinimError(code, failed.message, { subject: failed.source });
  }
  return current;
}

export async function runCheck(sources: string[], opts: CheckOptions, ctx: CliContext): Promise<number> {
  if (opts.scan && sources.length > 0) throw new MinimError('USAGE', 'check takes SOURCE arguments or --scan FILE, not both');
  if (!opts.baseline && !opts.writeBaseline && !opts.accessBaseline && !opts.accessHistory) throw new MinimError('USAGE', 'check needs --baseline FILE (or --write-baseline FILE to record one, or --access-baseline FILE, or --access-history)');
  if (opts.accessBaseline && opts.accessHistory) throw new MinimError('USAGE', 'check compares the grants with --access-baseline FILE or --access-history, not both');
  const accessOpt = opts.accessBaseline ? '--access-baseline' : '--access-history';
  if ((opts.accessBaseline || opts.accessHistory) && (opts.scan || opts.demo)) throw new MinimError('USAGE', `${accessOpt} reads the grants now: give the SOURCE URLs (or --config), not --scan or --demo`);
  if ((opts.accessBaseline || opts.accessHistory) && !opts.baseline) {
    const current = await scanNow(sources, opts, opts.seed ?? DEFAULT_CHECK_SEED, ctx);
    return (await accessGate(sources, opts, current, ctx)) ? 0 : 1;
  }
  const rules = loadRules(opts.rules ?? []);
  const failOn = checkFailOn(opts.failOn ?? [], rules);

  if (opts.writeBaseline) {
    // A baseline records its seed and every column's near-threshold candidates (hysteresis).
    const seed = opts.seed ?? DEFAULT_CHECK_SEED;
    const current = opts.scan ? await readScanFile(opts.scan) : await scanNow(sources, opts, seed, ctx);
    await writeFileAtomic(resolve(ctx.cwd, opts.writeBaseline), JSON.stringify(current, null, 2) + '\n');
    if (!opts.quiet) ctx.stderr.write(`Wrote baseline ${opts.writeBaseline} (seed ${current.sampleSeed ?? 'none'}, ${current.columns.filter((c) => c.findings.length).length} sensitive columns).\n`);
    return 0;
  }

  const baseline: Baseline = await readBaseline(resolve(ctx.cwd, opts.baseline!));
  if (baseline.kind === 'plan') {
    // A plan's approvals count only when their signatures hold (version 1: unsigned, none count).
    if (baseline.plan.version === 1) ctx.stderr.write(`plan ${opts.baseline} is unsigned (version 1): its approvals do not count; re-plan and approve with steward keys\n`);
    else assertPlanVerifies(verifyPlan(baseline.plan, await loadStewards(opts.stewards, baseline.path, ctx.cwd)), opts.baseline!, 'the check did not run');
  }
  const seed = opts.seed ?? (baseline.kind === 'scan' ? baseline.scan.sampleSeed : undefined) ?? DEFAULT_CHECK_SEED;
  const current = opts.scan ? await readScanFile(opts.scan) : await scanNow(sources, opts, seed, ctx);

  const fromFile = await loadIgnores(opts.ignore ? resolve(ctx.cwd, opts.ignore) : undefined, ctx.cwd);
  const entries: Array<{ entry: IgnoreEntry; from: string }> = [
    ...fromFile.entries.map((entry) => ({ entry, from: fromFile.path! })),
    ...(baseline.kind === 'plan' ? (baseline.plan.ignore ?? []).map((entry) => ({ entry, from: `plan ${baseline.path}` })) : []),
  ];
  const stewardsPath = findStewardsFile(opts.stewards, baseline.kind === 'plan' ? baseline.path : undefined, ctx.cwd);
  const ignores = entries.length > 0 ? evaluateIgnores(entries, stewardsVerifier(stewardsPath)) : [];

  let result: CheckResult = checkScan(current, baseline, { margin: opts.margin ?? DEFAULT_MARGIN, validatorRules: validatedRuleIds(rules), ignores });
  if (failOn.length > 0 && !failOn.includes('any')) {
    // --fail-on narrows what fails: other problems stay listed as held.
    const fails = result.problems.filter((p) => p.categories.some((c) => failOn.includes(c)));
    const rest = result.problems.filter((p) => !fails.includes(p)).map((p) => ({ ...p, detail: `${p.detail} (not in --fail-on)` }));
    result = { ...result, ok: fails.length === 0, problems: fails, held: [...result.held, ...rest] };
  }
  const format = opts.format ?? 'table';
  const text =
    format === 'json' ? renderCheckJson(result)
    : format === 'markdown' ? renderCheckMarkdown(result)
    : format === 'sarif' ? renderCheckSarif(result, current)
    : format === 'junit' ? renderCheckJunit(result, current)
    : renderCheckTable(result);
  if (opts.out) {
    await writeFileAtomic(resolve(ctx.cwd, opts.out), text);
    if (!opts.quiet) ctx.stderr.write(checkSummary(result) + '\n');
  } else ctx.stdout.write(text);
  for (const s of result.staleIgnores) if (!opts.quiet) ctx.stderr.write(`minim: ignore ${s.column} (${s.category}) from ${s.from} is ${s.state}: ${s.detail}\n`);
  const accessOk = opts.accessBaseline || opts.accessHistory ? await accessGate(sources, opts, current, ctx) : true;
  return result.ok && accessOk ? 0 : 1;
}

/**
 * `--access-baseline`: the access review of the sources now, judged with the access policy, against
 * an earlier one; false (and one line per column) when a reader is UNAUTHORIZED now that was not then.
 */
async function accessGate(sources: string[], opts: CheckOptions, current: ScanResult, ctx: CliContext): Promise<boolean> {
  const policy = await loadAccessPolicy(opts.accessPolicy ? resolve(ctx.cwd, opts.accessPolicy) : DEFAULT_ACCESS_POLICY_PATH);
  const { options } = scanOptionsFrom(sources, { ...(opts.config ? { config: opts.config } : {}), quiet: true }, ctx);
  const { review: baseline, since } = opts.accessBaseline
    ? { review: await readAccessFile(resolve(ctx.cwd, opts.accessBaseline)), since: opts.accessBaseline }
    : await accessHistoryBaseline(opts.accessHistory!, (options.sources ?? []).map((s) => s.name), opts.config, ctx);
  const columns: AccessColumn[] = [];
  for (const spec of options.sources ?? []) {
    const connector = await openConnector(spec.url, { ...DEFAULT_CONNECTOR_OPTIONS, name: spec.name });
    try {
      columns.push(...(await reviewSource(current, spec.name, connector.dialect, connector, { policy })).columns);
    } finally {
      await connector.close();
    }
  }
  const fresh = newUnauthorizedReaders(baseline, { version: 1, columns });
  for (const f of fresh) {
    const col = columns.find((c) => c.source === f.source && c.schema === f.schema && c.table === f.table && c.column === f.column);
    const logins = f.principals.filter((p) => p === 'PUBLIC' || col?.readers.some((r) => r.principal === p && r.login));
    const others = f.principals.length - logins.length;
    ctx.stdout.write(
      safeText(`${logins.length} new login${logins.length === 1 ? '' : 's'} can read ${f.schema}.${f.table}.${f.column} (${f.categories.join(', ')})${others ? ` (and ${others} role${others === 1 ? '' : 's'})` : ''}: ${f.principals.join(', ')}`) + '\n',
    );
  }
  if (fresh.length === 0 && !opts.quiet) ctx.stderr.write(safeText(`No new unauthorized reader since ${since}.`) + '\n');
  return fresh.length === 0;
}

/** `--access-history [URL]`: the readers the newest `minim access --history` run of each source recorded. */
async function accessHistoryBaseline(flag: string | boolean, names: string[], config: string | undefined, ctx: CliContext): Promise<{ review: AccessReview; since: string }> {
  const store = await openHistory(historySettings(flag, undefined, config, ctx.cwd, ctx.env));
  try {
    const { review, readAt } = await accessBaselineFromHistory(store, names);
    return { review, since: [...readAt].map(([s, at]) => `${s}'s readers of ${at}`).join(', ') };
  } finally {
    await store.close();
  }
}

const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 2147483647) throw new MinimError('USAGE', `${name} takes a whole number from 1 to 2147483647, not "${v}"`);
  return n;
};
const ratio = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 0.39) throw new MinimError('USAGE', `--margin takes a number from 0 to 0.39, not "${v}"`);
  return n;
};
const list = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

export function register(program: Command, ctx: CliContext): void {
  program
    .command('check')
    .description('compare a scan with an approved baseline; exit 1 on new, changed, unapproved or unapplied sensitive columns')
    .argument('[sources...]', 'connection URLs to scan now (or --scan FILE, or a config)')
    .option('-b, --baseline <file>', 'an earlier scan JSON (best: one written by --write-baseline), or a plan (YAML/JSON) whose approved items are the approvals')
    .option('--write-baseline <file>', 'scan now (seeded, candidates recorded) and write the baseline scan JSON; exit 0')
    .option('--scan <file>', 'the current scan JSON instead of scanning now')
    .option('-c, --config <file>', 'config file listing the sources to scan')
    .option('--demo', 'check the embedded demo city')
    .addOption(new Option('-f, --format <format>', 'output format').choices(CHECK_FORMATS).default('table'))
    .option('-o, --out <file>', 'write the output to a file (the summary line still goes to stderr)')
    .option('--seed <n>', `sample seed (default: the baseline's, else ${DEFAULT_CHECK_SEED}): the same rows every run on unchanged data`, int('--seed'))
    .option('--margin <ratio>', `an uncovered category fails only this far above the report threshold (default ${DEFAULT_MARGIN}), unless it holds validated core values`, ratio)
    .option('--fail-on <categories>', 'fail only on problems involving these categories (comma-separated, or "any")', list)
    .option('--ignore <file>', 'signed ignore entries (default: ./minim.ignore.yaml when present)')
    .option('--stewards <file>', 'stewards.yaml: the keys that sign the plan baseline and ignore entries (default: next to the plan, else ./stewards.yaml)')
    .option('--access-baseline <file>', 'an earlier access review (minim access --format json): fail when a reader is UNAUTHORIZED now that was not then (reads the grants of the SOURCE URLs)')
    .option('--access-history [url]', 'like --access-baseline, against the readers the newest minim access --history run of each source stored (the store: postgres://… or pglite:DIR; default: the config’s history.url, else the embedded store)')
    .option('--access-policy <file>', 'judge the readers with this access policy (default: the built-in rules/access-policy.yaml)')
    .option('--rules <dir>', 'an extra rules directory (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('-q, --quiet', 'no progress on stderr')
    .action(action(ctx, (sources: string[], opts: CheckOptions) => runCheck(sources, opts, ctx)));
}
