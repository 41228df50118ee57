/** `minim check`: the CI gate. Exit 1 when a sensitive column is new, changed, not approved, or approved but not applied. */
import { resolve } from 'node:path';
import { readBaseline, type Baseline } from '../../check/baseline.js';
import { checkScan, type CheckResult } from '../../check/compare.js';
import { DEFAULT_CHECK_SEED, DEFAULT_MARGIN, validatedRuleIds } from '../../check/gate.js';
import { evaluateIgnores, loadIgnores, type IgnoreEntry } from '../../check/ignore.js';
import { stewardsVerifier } from '../../check/ignore-signature.js';
import { checkSummary } from '../../check/render.js';
import { CHECK_REPORTERS, type CheckFormat } from '../../report/reporters.js';
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
import { createProgress } from '../../util/progress.js';
import type { CliContext, CommandResult } from '../context.js';
import { checkFailOn, scanOptionsFrom } from './scan.js';

import { findStewardsFile, loadStewards } from '../../approvals/stewards.js';
import { assertPlanVerifies, verifyPlan } from '../../approvals/verify.js';

interface CheckOptions {
  baseline?: string;
  writeBaseline?: string;
  scan?: string;
  config?: string;
  demo?: boolean;
  format?: CheckFormat;
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

export async function runCheck(sources: string[], opts: CheckOptions, ctx: CliContext): Promise<CommandResult> {
  if (opts.scan && sources.length > 0) throw new MinimError('USAGE', 'check takes SOURCE arguments or --scan FILE, not both');
  if (!opts.baseline && !opts.writeBaseline && !opts.accessBaseline && !opts.accessHistory) throw new MinimError('USAGE', 'check needs --baseline FILE (or --write-baseline FILE to record one, or --access-baseline FILE, or --access-history)');
  if (opts.accessBaseline && opts.accessHistory) throw new MinimError('USAGE', 'check compares the grants with --access-baseline FILE or --access-history, not both');
  const accessOpt = opts.accessBaseline ? '--access-baseline' : '--access-history';
  if ((opts.accessBaseline || opts.accessHistory) && (opts.scan || opts.demo)) throw new MinimError('USAGE', `${accessOpt} reads the grants now: give the SOURCE URLs (or --config), not --scan or --demo`);
  if ((opts.accessBaseline || opts.accessHistory) && !opts.baseline) {
    const current = await scanNow(sources, opts, opts.seed ?? DEFAULT_CHECK_SEED, ctx);
    const gate = await accessGate(sources, opts, current, ctx);
    return { code: gate.ok ? 0 : 1, output: { text: gate.lines }, summary: gate.note };
  }
  const rules = loadRules(opts.rules ?? []);
  const failOn = checkFailOn(opts.failOn ?? [], rules);

  if (opts.writeBaseline) {
    // A baseline records its seed and every column's near-threshold candidates (hysteresis).
    const seed = opts.seed ?? DEFAULT_CHECK_SEED;
    const current = opts.scan ? await readScanFile(opts.scan) : await scanNow(sources, opts, seed, ctx);
    return {
      code: 0,
      output: { text: JSON.stringify(current, null, 2) + '\n', file: resolve(ctx.cwd, opts.writeBaseline) },
      ...(opts.quiet ? {} : { summary: `Wrote baseline ${opts.writeBaseline} (seed ${current.sampleSeed ?? 'none'}, ${current.columns.filter((c) => c.findings.length).length} sensitive columns).\n` }),
    };
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
  const text = CHECK_REPORTERS[opts.format ?? 'table'].render(result, { current });
  let summary = opts.out && !opts.quiet ? checkSummary(result) + '\n' : '';
  for (const s of result.staleIgnores) if (!opts.quiet) summary += `minim: ignore ${s.column} (${s.category}) from ${s.from} is ${s.state}: ${s.detail}\n`;
  const gate = opts.accessBaseline || opts.accessHistory ? await accessGate(sources, opts, current, ctx) : { ok: true, lines: '', note: '' };
  return {
    code: result.ok && gate.ok ? 0 : 1,
    output: [{ text, ...(opts.out ? { file: resolve(ctx.cwd, opts.out) } : {}) }, { text: gate.lines }],
    summary: summary + gate.note,
  };
}

/**
 * `--access-baseline`: the access review of the sources now, judged with the access policy, against
 * an earlier one; not ok (and one line per column) when a reader is UNAUTHORIZED now that was not then.
 */
async function accessGate(sources: string[], opts: CheckOptions, current: ScanResult, ctx: CliContext): Promise<{ ok: boolean; lines: string; note: string }> {
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
  let lines = '';
  for (const f of fresh) {
    const col = columns.find((c) => c.source === f.source && c.schema === f.schema && c.table === f.table && c.column === f.column);
    const logins = f.principals.filter((p) => p === 'PUBLIC' || col?.readers.some((r) => r.principal === p && r.login));
    const others = f.principals.length - logins.length;
    lines +=
      safeText(`${logins.length} new login${logins.length === 1 ? '' : 's'} can read ${f.schema}.${f.table}.${f.column} (${f.categories.join(', ')})${others ? ` (and ${others} role${others === 1 ? '' : 's'})` : ''}: ${f.principals.join(', ')}`) + '\n';
  }
  const note = fresh.length === 0 && !opts.quiet ? safeText(`No new unauthorized reader since ${since}.`) + '\n' : '';
  return { ok: fresh.length === 0, lines, note };
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

