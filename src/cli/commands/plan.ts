/** `minim plan`: scan result (or a fresh scan) + policy → plan file; an existing plan keeps its decisions. */
import type { CliContext, CommandResult } from '../context.js';
import { MinimError } from '../../errors.js';
import type { ScanResult } from '../../types.js';
import { scan } from '../../scan/index.js';
import { scanOptionsFrom } from './scan.js';
import { buildPlan } from '../../plan/build-plan.js';
import { mergePlans } from '../../plan/merge-plan.js';
import { loadPolicy, DEFAULT_POLICY_PATH } from '../../plan/policy.js';
import { formatPlan, readPlanIfExists, writePlan } from '../../plan/plan-file.js';
import type { Plan } from '../../plan/plan-schema.js';
import { sealPlan, verifySeal } from '../../approvals/seal.js';
import { optionalStewardContext } from '../steward-key.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG_FILE } from '../../config.js';
import { readAccessFile, readScanFile as readScanInputFile } from '../../report/read-input.js';
import { DEFAULT_ACCESS_POLICY_PATH, loadAccessPolicy } from '../../access/policy.js';
import { proposeRevocations } from '../../access/revoke.js';
import { revocationItems } from '../../plan/access-items.js';
import { safeText } from '../../util/text.js';
import type { PlanItem } from '../../plan/plan-schema.js';

interface PlanCliOptions {
  scan?: string;
  config?: string;
  demo?: boolean;
  policy?: string;
  out?: string;
  quiet?: boolean;
  stewards?: string;
  passphraseEnv?: string;
  access?: string;
  accessPolicy?: string;
}

/** Reads a scan JSON file (version 1), failing with one line naming the file (see report/read-input.ts). */
export const readScanFile = readScanInputFile;

/** One line: how many items, by status. */
export function planSummary(plan: Plan): string {
  const by = new Map<string, number>();
  for (const i of plan.items) by.set(i.status, (by.get(i.status) ?? 0) + 1);
  const parts = ['proposed', 'approved', 'rejected', 'retained', 'obsolete'].filter((s) => by.get(s)).map((s) => `${by.get(s)} ${s}`);
  return `${plan.items.length} item(s)${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

export async function runPlan(sources: string[], opts: PlanCliOptions, ctx: CliContext): Promise<CommandResult> {
  if (opts.scan && (sources.length > 0 || opts.config || opts.demo)) {
    throw new MinimError('USAGE', '--scan reads a scan file; drop the SOURCE arguments, --config and --demo');
  }
  if (!opts.scan && sources.length === 0 && !opts.config && !opts.demo && !existsSync(join(ctx.cwd, DEFAULT_CONFIG_FILE))) {
    throw new MinimError('USAGE', `minim plan needs what to plan: --scan FILE, SOURCE URLs, --config FILE (or ./${DEFAULT_CONFIG_FILE}), or --demo for the demo city`);
  }
  const policyPath = opts.policy ?? DEFAULT_POLICY_PATH;
  const policy = await loadPolicy(policyPath);
  // Read first: a bad access file or policy is one clear line before any scan runs.
  const access = opts.access ? await readAccessFile(opts.access) : undefined;
  const accessPolicy = access ? await loadAccessPolicy(opts.accessPolicy ?? DEFAULT_ACCESS_POLICY_PATH) : undefined;
  let result: ScanResult;
  if (opts.scan) result = await readScanFile(opts.scan);
  else {
    const { options } = scanOptionsFrom(sources, { ...(opts.config ? { config: opts.config } : {}), ...(opts.demo ? { demo: true } : {}), quiet: true }, ctx);
    result = await scan(options);
  }
  let accessItems: PlanItem[] = [];
  if (access) {
    const { items, notes } = revocationItems(proposeRevocations(access, accessPolicy), access, result);
    accessItems = items;
    for (const n of notes) ctx.stderr.write(`${safeText(n)}\n`);
    if (!opts.quiet) ctx.stderr.write(`${items.length} revocation item(s) from ${opts.access}${notes.length ? `, ${notes.length} refused (above)` : ''}.\n`);
  }
  const fresh = buildPlan(result, policy, { ...(opts.scan ? { scanPath: opts.scan } : {}), ...(opts.policy ? { policyPath: opts.policy } : {}), accessItems });
  const previous = opts.out ? await readPlanIfExists(opts.out) : undefined;
  let plan = previous ? mergePlans(previous, fresh, result) : fresh;
  // Sealed by the acting steward when their key (and stewards.yaml) are at hand; else a steward seals it later.
  let steward = await optionalStewardContext(ctx, opts, opts.out ?? join(ctx.cwd, 'plan.yaml'));
  // A previous plan whose seal no longer holds was changed by hand: re-planning does not bless that.
  const broken = previous?.seal && steward ? verifySeal(previous, steward.stewards) : undefined;
  if (broken && !broken.ok) {
    ctx.stderr.write(`Not re-sealing: the previous plan's seal did not hold ([${broken.reason}] ${broken.detail}); check it with minim verify, then minim steward seal.\n`);
    steward = undefined;
  }
  if (steward) plan = sealPlan(plan, steward.key, steward.stewards.byKeyId.get(steward.key.keyId)!.name, plan.updatedAt ?? plan.createdAt);
  const sealNote = steward ? ` Sealed by ${steward.stewards.byKeyId.get(steward.key.keyId)!.name}.` : ' Not sealed (no steward key here): approving seals it, or minim steward seal PLAN.';
  if (opts.out) {
    await writePlan(opts.out, plan);
    return { code: 0, ...(opts.quiet ? {} : { summary: `${planSummary(plan)}. ${previous ? 'Updated' : 'Wrote'} ${opts.out}.${sealNote}\n` }) };
  }
  return { code: 0, output: { text: formatPlan(plan) }, ...(opts.quiet ? {} : { summary: `${planSummary(plan)}.\n` }) };
}
