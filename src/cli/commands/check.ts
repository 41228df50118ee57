/** `minim check`: the CI gate. Exit 1 when a sensitive column is new, changed, or not approved. */
import { Command, Option } from 'commander';
import { readBaseline } from '../../check/baseline.js';
import { checkScan } from '../../check/compare.js';
import { checkSummary, renderCheckJson, renderCheckMarkdown, renderCheckTable } from '../../check/render.js';
import { ERROR_CODES, MinimError, type ErrorCode } from '../../errors.js';
import { readScanFile } from '../../report/read-input.js';
import { scan } from '../../scan/index.js';
import type { ScanResult } from '../../types.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { createProgress } from '../../util/progress.js';
import { action, type CliContext } from '../context.js';
import { scanOptionsFrom } from './scan.js';
import { loadStewards } from '../../approvals/stewards.js';
import { assertPlanVerifies, verifyPlan } from '../../approvals/verify.js';

interface CheckOptions {
  baseline: string;
  scan?: string;
  config?: string;
  format?: 'table' | 'json' | 'markdown';
  out?: string;
  quiet?: boolean;
  stewards?: string;
}

export async function runCheck(sources: string[], opts: CheckOptions, ctx: CliContext): Promise<number> {
  if (opts.scan && sources.length > 0) throw new MinimError('USAGE', 'check takes SOURCE arguments or --scan FILE, not both');
  const baseline = await readBaseline(opts.baseline);
  if (baseline.kind === 'plan') {
    // issue 11: a plan's approvals count only when their signatures hold (version 1: unsigned, none count).
    if (baseline.plan.version === 1) ctx.stderr.write(`plan ${opts.baseline} is unsigned (version 1): its approvals do not count; re-plan and approve with steward keys\n`);
    else assertPlanVerifies(verifyPlan(baseline.plan, await loadStewards(opts.stewards, opts.baseline, ctx.cwd)), opts.baseline, 'the check did not run');
  }
  let current: ScanResult;
  if (opts.scan) current = await readScanFile(opts.scan);
  else {
    const { options } = scanOptionsFrom(sources, { ...(opts.config ? { config: opts.config } : {}), quiet: opts.quiet ?? false }, ctx);
    if (!options.sources?.length) throw new MinimError('USAGE', 'check needs SOURCE URLs, --config FILE (or ./minim.config.yaml), or --scan FILE');
    const progress = opts.quiet ? undefined : createProgress(ctx);
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
  }
  const result = checkScan(current, baseline);
  const format = opts.format ?? 'table';
  const text = format === 'json' ? renderCheckJson(result) : format === 'markdown' ? renderCheckMarkdown(result) : renderCheckTable(result);
  if (opts.out) {
    await writeFileAtomic(opts.out, text);
    if (!opts.quiet) ctx.stderr.write(checkSummary(result) + '\n');
  } else ctx.stdout.write(text);
  return result.ok ? 0 : 1;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('check')
    .description('compare a scan with an approved baseline; exit 1 on new, changed or unapproved sensitive columns')
    .argument('[sources...]', 'connection URLs to scan now (or --scan FILE, or a config)')
    .requiredOption('-b, --baseline <file>', 'an earlier scan JSON, or a plan (YAML/JSON) whose approved items are the approvals')
    .option('--scan <file>', 'the current scan JSON instead of scanning now')
    .option('-c, --config <file>', 'config file listing the sources to scan')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('-o, --out <file>', 'write the output to a file (the summary line still goes to stderr)')
    .option('--stewards <file>', 'plan baseline: stewards.yaml to verify its signatures against (default: next to the plan, else ./stewards.yaml)')
    .option('-q, --quiet', 'no progress on stderr')
    .action(action(ctx, (sources: string[], opts: CheckOptions) => runCheck(sources, opts, ctx)));
}
