/**
 * `minim review PLAN`: an interactive terminal review. Items come most severe first (the five
 * audit categories, then by rows exposed); each shows its evidence (and, once wired, the preview of
 * what migrate will change); the default answer is skip, so a stray Enter never approves. A reason
 * can be applied to the similar items that follow. Every decision is signed with the steward's
 * key, the plan re-sealed and saved at once (atomically); Ctrl-C keeps what was decided and exits.
 */
import { Writable } from 'node:stream';
import type { CliContext, CommandResult } from '../context.js';
import { MinimError, toMinimError } from '../../errors.js';
import { migrate } from '../../migrate/migrate.js';
import { safeText } from '../../util/text.js';
import { migrateSummary, resolveUrls } from './migrate.js';
import { readPlan, writePlan } from '../../plan/plan-file.js';
import { decide, type Verdict } from '../../plan/decide.js';
import type { Plan, PlanItem } from '../../plan/plan-schema.js';
import { stewardContext, type KeyCliOptions } from '../steward-key.js';
import { outOfScope } from '../../approvals/stewards.js';
import { decisionScope } from '../../approvals/decisions.js';
import { assertSealIntact } from '../../approvals/seal.js';

interface ReviewCliOptions extends KeyCliOptions {
  all?: boolean;
  category?: string;
  source?: string;
  preview?: boolean;
  url?: string;
  previewSource?: string[];
  config?: string;
}

/** The five audit categories: reviewed first. */
export const AUDIT_CATEGORIES = ['ssn', 'dob', 'medical', 'bank_account', 'credit_card'] as const;

/**
 * Hook for the per-item preview of what migrate will change (rows, masked before → after
 * examples). Set by whoever provides previews (src/migrate); review prints what it returns under
 * the evidence, or nothing when unset or when it returns undefined.
 */
export type ReviewPreview = (plan: Plan, item: PlanItem) => Promise<string | undefined>;
let previewHook: ReviewPreview | undefined;
export function setReviewPreview(fn: ReviewPreview | undefined): void {
  previewHook = fn;
}

/** Severity order: audit categories first (in their listed order), then most rows, then id. */
export function reviewOrder(a: PlanItem, b: PlanItem): number {
  const rank = (i: PlanItem) => {
    const r = (AUDIT_CATEGORIES as readonly string[]).indexOf(i.category);
    return r < 0 ? AUDIT_CATEGORIES.length : r;
  };
  return rank(a) - rank(b) || (b.rowEstimate ?? -1) - (a.rowEstimate ?? -1) || a.id.localeCompare(b.id);
}

/** Items alike enough to share one decision and reason: same category, action, strategy and source. */
const similar = (a: PlanItem, b: PlanItem) => a.category === b.category && a.action === b.action && a.strategy === b.strategy && a.source === b.source;

/** The item as a steward reads it: what, why, and the evidence (masked examples only). */
export function describeItem(item: PlanItem, index: number, total: number): string {
  const e = item.evidence;
  const lines = [
    '',
    `[${index}/${total}] ${item.id}`,
    `  column     ${item.source} ${item.schema}.${item.table}.${item.column} (${item.dataType}, ~${item.rowEstimate ?? '?'} rows)`,
    `  category   ${item.category}   confidence ${e.confidence}`,
    `  proposed   ${item.action}${item.strategy ? ` (${item.strategy})` : ''}${item.redact ? ` of ${item.redact.join(', ')}` : ''}`,
    ...(item.values ? [`  rows       ${item.values === 'validated' ? `only values that validate as ${item.category} (values: validated; set values: all to mask every value)` : 'every value (values: all)'}`] : []),
    `  reason     ${item.reason}${item.legalBasis ? ` [${item.legalBasis}]` : ''}`,
  ];
  if (item.retention) lines.push(`  retention  ${item.retention.period}${item.retention.dateColumn !== undefined ? ` on ${item.retention.dateColumn ?? '(no date column: set one)'}` : ''}`);
  if (item.restrict) lines.push(`  revoke     SELECT from ${item.restrict.revokeFrom.join(', ')}`);
  if (item.revoke) lines.push(`  revoke     ${item.revoke.statement}`, `  readers    ${item.revoke.readers.join(', ')} (through ${item.revoke.path.chain.join(' → ')})`);
  const stats = [
    e.matchRate !== undefined ? `match rate ${e.matchRate}` : '',
    e.validated !== undefined ? `${e.validated} validated` : '',
    e.rows !== undefined ? `${e.rows} row(s) with a match` : '',
    e.sampled !== undefined ? `of ${e.sampled} sampled` : '',
  ].filter(Boolean);
  lines.push(`  evidence   ${e.sources.join(', ')} (${e.rules.join(', ')})${stats.length ? `; ${stats.join(', ')}` : ''}`);
  if (e.examples.length) lines.push(`  examples   ${e.examples.join('  ')}`);
  if (item.note) lines.push(`  note       ${item.note}`);
  const last = item.decisions.at(-1);
  if (last) lines.push(`  last       ${last.decision} by ${last.by} at ${last.at}: ${last.reason}`);
  // Every line escaped: a newline or ESC in a name cannot forge a line or reach the terminal raw.
  return lines.map(safeText).join('\n') + '\n';
}

const isExit = (e: unknown) => e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError');

export async function runReview(file: string, opts: ReviewCliOptions, ctx: CliContext): Promise<CommandResult> {
  const stdin = ctx.stdin ?? process.stdin;
  if (!stdin.isTTY || !ctx.stderr.isTTY) {
    throw new MinimError('USAGE', `minim review needs an interactive terminal; use minim approve ${file} ITEM… --reason TEXT or minim reject instead`);
  }
  const { select, input, confirm } = await import('@inquirer/prompts');
  // A fresh sink per prompt: inquirer pipes into it and ends it when the prompt closes.
  const sink = () =>
    stdin === process.stdin && ctx.stderr === process.stderr
      ? process.stderr
      : Object.assign(new Writable({ write: (chunk, _enc, cb) => void (ctx.stderr.write(String(chunk)), cb()) }), { isTTY: true, columns: 100, rows: 40 });
  const ask = () => ({ input: stdin, output: sink(), clearPromptOnDone: false });
  let plan = await readPlan(file);
  const { key, stewards } = await stewardContext(ctx, opts, file);
  assertSealIntact(plan, stewards, file);
  const steward = stewards.byKeyId.get(key.keyId);
  if (!steward || steward.revoked) throw new MinimError('USAGE', `your key ${key.keyId} is ${steward ? steward.revoked : `not in ${stewards.path}`}; add the entry minim steward show prints`);
  const queue = plan.items
    .filter((i) => (opts.all ? i.status !== 'obsolete' : i.status === 'proposed') && (!opts.category || i.category === opts.category) && (!opts.source || i.source === opts.source))
    .filter((i) => !outOfScope(steward.scope, decisionScope(plan, i, 'approved')))
    .sort(reviewOrder);
  let preview: ReviewPreview | undefined;
  if (opts.preview) {
    const urls = resolveUrls(plan, { ...(opts.url ? { url: opts.url } : {}), ...(opts.previewSource ? { source: opts.previewSource } : {}), ...(opts.config ? { config: opts.config } : {}) }, ctx);
    preview = async (current, item) => {
      try {
        const r = await migrate({ plan: current, planFile: file, urls, stewards, previewOnly: [item.id], examples: 3 });
        return ['  preview (what migrate would change; nothing is written)', ...migrateSummary(r).map((l) => `    ${l}`)].join('\n');
      } catch (e) {
        const err = toMinimError(e);
        return `  preview unavailable: ${err.code}: ${safeText(err.message.split('\n')[0]!)}`;
      }
    };
  }
  const done = new Set<string>();
  let decided = 0;
  const record = async (items: PlanItem[], verdict: Verdict, reason: string, legalBasis?: string) => {
    const current = items.map((it) => plan.items.find((i) => i.id === it.id)!);
    plan = decide(plan, current, { verdict, reason, ...(legalBasis ? { legalBasis } : {}), key, stewards, file }).plan;
    await writePlan(file, plan);
    for (const i of items) done.add(i.id);
    decided += items.length;
  };
  try {
    for (const [n, item] of queue.entries()) {
      if (done.has(item.id)) continue;
      ctx.stderr.write(describeItem(item, n + 1, queue.length));
      const hook = preview ?? previewHook;
      const shown = hook ? await hook(plan, item) : undefined;
      if (shown) ctx.stderr.write(shown.endsWith('\n') ? shown : shown + '\n');
      const choice = await select(
        {
          message: 'Decision',
          default: 'skip',
          choices: [
            { name: 'skip (decide later)', value: 'skip' },
            { name: 'approve', value: 'approved' },
            { name: 'reject', value: 'rejected' },
            { name: 'retain as is, on a legal basis', value: 'retained' },
            { name: 'quit', value: 'quit' },
          ],
        },
        ask(),
      );
      if (choice === 'quit') break;
      if (choice === 'skip') continue;
      const verdict = choice as Verdict;
      const legalBasis = verdict === 'retained' ? await input({ message: 'Legal basis', required: true, validate: (v) => v.trim().length > 0 || 'name the law or rule' }, ask()) : undefined;
      const reason = await input({ message: 'Reason', required: true, validate: (v) => v.trim().length > 0 || 'say why' }, ask());
      const alike = queue.slice(n + 1).filter((i) => !done.has(i.id) && similar(i, item));
      let batch = [item];
      if (alike.length > 0) {
        const all = await confirm({ message: `Apply "${verdict}" with this reason to ${alike.length} similar item(s) (${item.category}, ${item.action}${item.strategy ? ` ${item.strategy}` : ''}, ${item.source}) too?`, default: false }, ask());
        if (all) batch = [item, ...alike];
      }
      await record(batch, verdict, reason, legalBasis);
      if (batch.length > 1) ctx.stderr.write(`${verdict} ${batch.length} item(s): ${batch.map((i) => safeText(i.id)).join(', ')}\n`);
    }
  } catch (e) {
    if (!isExit(e)) throw e;
    ctx.stderr.write(`\nInterrupted: ${decided} decision(s) saved in ${file}; run minim review ${file} again to go on.\n`);
    return { code: 0 };
  }
  ctx.stderr.write(`${decided} decision(s) signed by ${steward.name} in ${file}.\n`);
  return { code: 0 };
}
