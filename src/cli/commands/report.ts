/** `minim report SCAN.json`: the inventory as html, csv, markdown, table or json, with its plan and access review. */
import { resolve } from 'node:path';
import { readPlan } from '../../plan/plan-file.js';
import type { ReportExtra } from '../../report/extra.js';
import { readAccessFile, readScanFile } from '../../report/read-input.js';
import { REPORTERS, formatOfFile, type ReportFormat } from '../../report/reporters.js';
import type { CliContext, CommandResult } from '../context.js';
import type { Plan } from '../../plan/plan-schema.js';
import { findStewardsFile, loadStewards } from '../../approvals/stewards.js';
import { assertPlanVerifies, verifyPlan } from '../../approvals/verify.js';
import { applyIgnores, evaluateIgnores, loadIgnores } from '../../check/ignore.js';
import { stewardsVerifier } from '../../check/ignore-signature.js';
import { historySettings, openHistory } from '../../history/open.js';
import { loadBreachProfiles } from '../../report/breach.js';

interface ReportOptions {
  history?: string | boolean;
  config?: string;
  ignore?: string;
  stewards?: string;
  plan?: string;
  access?: string;
  format?: ReportFormat;
  out?: string;
  exposure?: boolean;
  breach?: string[];
  allColumns?: boolean;
  title?: string;
}

/** Reads the plan a report shows; its signatures must hold (version 1: shown as unsigned). */
async function verifiedPlan(path: string, opts: ReportOptions, ctx: CliContext): Promise<Plan> {
  const plan = await readPlan(path);
  if (plan.version === 1) {
    ctx.stderr.write(`plan ${path} is unsigned (version 1): its decisions are shown as recorded, unverified, and are never applied\n`);
    return plan;
  }
  assertPlanVerifies(verifyPlan(plan, await loadStewards(opts.stewards, path, ctx.cwd)), path, 'no report was written');
  return plan;
}

export async function runReport(scanPath: string, opts: ReportOptions, ctx: CliContext): Promise<CommandResult> {
  let scan = await readScanFile(scanPath);
  // Stewards' signed ignore entries suppress known false positives here as in check.
  const ignores = await loadIgnores(opts.ignore ? resolve(ctx.cwd, opts.ignore) : undefined, ctx.cwd);
  let exceptions: ReportExtra['exceptions'];
  if (ignores.entries.length > 0) {
    const stewardsPath = findStewardsFile(opts.stewards, opts.plan, ctx.cwd);
    const evaluated = evaluateIgnores(ignores.entries.map((entry) => ({ entry, from: ignores.path! })), stewardsVerifier(stewardsPath));
    const applied = applyIgnores(scan, evaluated);
    scan = applied.scan;
    const stale = evaluated.filter((e) => e.state !== 'active').map((e) => ({ column: e.entry.column, category: e.entry.category, steward: e.entry.steward, state: e.state, detail: e.detail }));
    for (const x of stale) ctx.stderr.write(`minim: ignore ${x.column} (${x.category}) is ${x.state}: ${x.detail}\n`);
    exceptions = { suppressed: applied.suppressed, stale };
  }
  let trend: ReportExtra['trend'];
  let firstSeen: Map<string, string> | undefined;
  if (opts.history) {
    const store = await openHistory(historySettings(opts.history, undefined, opts.config, ctx.cwd, ctx.env));
    try {
      trend = await store.trend();
      firstSeen = await store.firstSeen(scan.sources.map((x) => x.name));
    } finally {
      await store.close();
    }
  }
  const format: ReportFormat = opts.format ?? formatOfFile(opts.out, ['html']) ?? (ctx.stdout.isTTY ? 'table' : 'json');
  const reporter = REPORTERS[format];
  let text: string;
  if (opts.exposure) text = reporter.exposure!(scan, { ...(firstSeen ? { firstSeen } : {}), ...(opts.breach ? { breach: await loadBreachProfiles(opts.breach) } : {}) });
  else {
    const extra: ReportExtra & { title?: string } = {
      ...(opts.plan ? { plan: await verifiedPlan(opts.plan, opts, ctx) } : {}),
      ...(opts.access ? { access: await readAccessFile(opts.access) } : {}),
      ...(opts.allColumns ? { allColumns: true } : {}),
      ...(trend ? { trend } : {}),
      ...(exceptions ? { exceptions } : {}),
      ...(opts.title ? { title: opts.title } : {}),
    };
    // Each format shows what it can of the extras (the table: the inventory alone; html: the title too).
    text = reporter.render(scan, { extra });
  }
  return { code: 0, output: { text, ...(opts.out ? { file: opts.out } : {}) }, ...(opts.out ? { summary: `Wrote ${opts.out}.\n` } : {}) };
}
