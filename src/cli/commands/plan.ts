/** `minim plan`: scan result (or a fresh scan) + policy → plan file; an existing plan keeps its decisions. */
import type { Command } from 'commander';
import { action, type CliContext } from '../context.js';
import { MinimError } from '../../errors.js';
import type { ScanResult } from '../../types.js';
import { scan } from '../../scan/index.js';
import { scanOptionsFrom } from './scan.js';
import { buildPlan } from '../../plan/build-plan.js';
import { mergePlans } from '../../plan/merge-plan.js';
import { loadPolicy, DEFAULT_POLICY_PATH } from '../../plan/policy.js';
import { formatPlan, readPlanIfExists, writePlan } from '../../plan/plan-file.js';
import type { Plan } from '../../plan/plan-schema.js';
import { readScanFile as readScanInputFile } from '../../report/read-input.js';

interface PlanCliOptions {
  scan?: string;
  config?: string;
  demo?: boolean;
  policy?: string;
  out?: string;
  quiet?: boolean;
}

/** Reads a scan JSON file (version 1), failing with one line naming the file (see report/read-input.ts). */
export const readScanFile = readScanInputFile;

/** One line: how many items, by status. */
export function planSummary(plan: Plan): string {
  const by = new Map<string, number>();
  for (const i of plan.items) by.set(i.status, (by.get(i.status) ?? 0) + 1);
  const parts = ['proposed', 'approved', 'rejected', 'obsolete'].filter((s) => by.get(s)).map((s) => `${by.get(s)} ${s}`);
  return `${plan.items.length} item(s)${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

async function runPlan(sources: string[], opts: PlanCliOptions, ctx: CliContext): Promise<number> {
  if (opts.scan && (sources.length > 0 || opts.config || opts.demo)) {
    throw new MinimError('USAGE', '--scan reads a scan file; drop the SOURCE arguments, --config and --demo');
  }
  const policyPath = opts.policy ?? DEFAULT_POLICY_PATH;
  const policy = await loadPolicy(policyPath);
  let result: ScanResult;
  if (opts.scan) result = await readScanFile(opts.scan);
  else {
    const { options } = scanOptionsFrom(sources, { ...(opts.config ? { config: opts.config } : {}), ...(opts.demo ? { demo: true } : {}), quiet: true }, ctx);
    result = await scan(options);
  }
  const fresh = buildPlan(result, policy, { ...(opts.scan ? { scanPath: opts.scan } : {}), ...(opts.policy ? { policyPath: opts.policy } : {}) });
  const previous = opts.out ? await readPlanIfExists(opts.out) : undefined;
  const plan = previous ? mergePlans(previous, fresh, result) : fresh;
  if (opts.out) {
    await writePlan(opts.out, plan);
    if (!opts.quiet) ctx.stderr.write(`${planSummary(plan)}. ${previous ? 'Updated' : 'Wrote'} ${opts.out}.\n`);
  } else {
    ctx.stdout.write(formatPlan(plan));
    if (!opts.quiet) ctx.stderr.write(`${planSummary(plan)}.\n`);
  }
  return 0;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('plan')
    .description('turn a scan into a minimization plan (one item per column and action, all proposed); an existing --out plan keeps its decisions')
    .argument('[sources...]', 'scan these sources first (connection URLs, optionally NAME=URL) instead of --scan')
    .option('-s, --scan <file>', 'a scan result (minim scan --format json)')
    .option('-c, --config <file>', 'scan the sources of this config file')
    .option('--demo', 'scan the embedded demo city')
    .option('-p, --policy <file>', 'policy file (default: the built-in rules/policy.yaml)')
    .option('-o, --out <file>', 'plan file to write (YAML; .json for JSON); merged when it exists')
    .option('-q, --quiet', 'no summary on stderr')
    .action(action(ctx, (sources: string[], opts: PlanCliOptions) => runPlan(sources, opts, ctx)));
}
