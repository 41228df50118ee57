/** `minim report SCAN.json`: the inventory as html, csv, markdown, table or json, with its plan and access review. */
import { Command, Option } from 'commander';
import { readPlan } from '../../plan/plan-file.js';
import { renderCsv } from '../../report/csv.js';
import { renderExposure } from '../../report/exposure-render.js';
import type { ReportExtra } from '../../report/extra.js';
import { renderHtml } from '../../report/html.js';
import { renderMarkdown } from '../../report/markdown.js';
import { readAccessFile, readScanFile } from '../../report/read-input.js';
import { renderTable } from '../../report/table.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { action, type CliContext } from '../context.js';
import type { Plan } from '../../plan/plan-schema.js';
import { findStewardsFile, loadStewards } from '../../approvals/stewards.js';
import { assertPlanVerifies, verifyPlan } from '../../approvals/verify.js';
import { resolve } from 'node:path';
import { applyIgnores, evaluateIgnores, loadIgnores } from '../../check/ignore.js';
import { stewardsVerifier } from '../../check/ignore-signature.js';
import { historySettings, openHistory } from '../../history/open.js';
import { loadBreachProfiles } from '../../report/breach.js';

const FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface ReportOptions {
  history?: string | boolean;
  config?: string;
  ignore?: string;
  stewards?: string;
  plan?: string;
  access?: string;
  format?: Format;
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

export async function runReport(scanPath: string, opts: ReportOptions, ctx: CliContext): Promise<number> {
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
  const format: Format = opts.format ?? (opts.out?.endsWith('.html') ? 'html' : ctx.stdout.isTTY ? 'table' : 'json');
  let text: string;
  if (opts.exposure) text = renderExposure(scan, format, { ...(firstSeen ? { firstSeen } : {}), ...(opts.breach ? { breach: await loadBreachProfiles(opts.breach) } : {}) });
  else {
    const extra: ReportExtra = {
      ...(opts.plan ? { plan: await verifiedPlan(opts.plan, opts, ctx) } : {}),
      ...(opts.access ? { access: await readAccessFile(opts.access) } : {}),
      ...(opts.allColumns ? { allColumns: true } : {}),
      ...(trend ? { trend } : {}),
      ...(exceptions ? { exceptions } : {}),
    };
    switch (format) {
      case 'html':
        text = renderHtml(scan, { ...extra, ...(opts.title ? { title: opts.title } : {}) });
        break;
      case 'csv':
        text = renderCsv(scan, extra);
        break;
      case 'markdown':
        text = renderMarkdown(scan, extra);
        break;
      case 'json':
        text = JSON.stringify(scan, null, 2) + '\n';
        break;
      default:
        text = renderTable(scan);
    }
  }
  if (opts.out) {
    await writeFileAtomic(opts.out, text);
    ctx.stderr.write(`Wrote ${opts.out}.\n`);
  } else ctx.stdout.write(text);
  return 0;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description('render a scan (with its plan and access review) as html, csv, markdown, table or json')
    .argument('<scan>', 'scan JSON (minim scan --format json --out FILE)')
    .option('--plan <file>', 'plan file: show each item’s action, status and approvals')
    .option('--access <file>', 'access review JSON (minim access --format json): show readers and flags')
    .addOption(new Option('-f, --format <format>', 'output format (default: html for --out *.html, table on a terminal, json when piped)').choices(FORMATS))
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .option('--exposure', 'only the exposure summary: rows holding each category per department and source')
    .option('--all-columns', 'csv/markdown/html: list columns without findings too')
    .option('--title <text>', 'html: the report title')
    .option('--history [url]', 'add the trend (html) and, with --exposure, the date each finding first appeared, from the scan history')
    .option('-c, --config <file>', 'config file with a history section')
    .option('--ignore <file>', 'signed ignore entries to suppress (default: ./minim.ignore.yaml when present)')
    .option('--stewards <file>', 'stewards.yaml: the keys that sign the plan and ignore entries (default: next to the plan, else ./stewards.yaml)')
    .option('--breach <profiles>', 'with --exposure: breach-notification profiles to apply (comma-separated ids from rules/breach, or "all")', (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean))
    .action(action(ctx, (scanPath: string, opts: ReportOptions) => runReport(scanPath, opts, ctx)));
}
