/**
 * `minim review PLAN`: an interactive terminal review. Shows each proposed item's evidence and
 * asks approve / reject / skip / quit with a reason; every decision is saved at once (atomically).
 */
import type { Command } from 'commander';
import { action, type CliContext } from '../context.js';
import { MinimError } from '../../errors.js';
import { readPlan, writePlan } from '../../plan/plan-file.js';
import { decide, defaultActor } from '../../plan/decide.js';
import type { PlanItem } from '../../plan/plan-schema.js';

interface ReviewCliOptions {
  by?: string;
  all?: boolean;
  category?: string;
  source?: string;
}

/** The item as a steward reads it: what, why, and the evidence (masked examples only). */
export function describeItem(item: PlanItem, index: number, total: number): string {
  const e = item.evidence;
  const lines = [
    '',
    `[${index}/${total}] ${item.id}`,
    `  column     ${item.source} ${item.schema}.${item.table}.${item.column} (${item.dataType}, ~${item.rowEstimate ?? '?'} rows)`,
    `  category   ${item.category}   confidence ${e.confidence}`,
    `  proposed   ${item.action}${item.strategy ? ` (${item.strategy})` : ''}${item.redact ? ` of ${item.redact.join(', ')}` : ''}`,
    `  reason     ${item.reason}${item.legalBasis ? ` [${item.legalBasis}]` : ''}`,
  ];
  if (item.retention) lines.push(`  retention  ${item.retention.period}${item.retention.dateColumn !== undefined ? ` on ${item.retention.dateColumn ?? '(no date column: set one)'}` : ''}`);
  if (item.restrict) lines.push(`  revoke     SELECT from ${item.restrict.revokeFrom.join(', ')}`);
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
  return lines.join('\n') + '\n';
}

async function runReview(file: string, opts: ReviewCliOptions, ctx: CliContext): Promise<number> {
  if (!process.stdin.isTTY || !ctx.stderr.isTTY) {
    throw new MinimError('USAGE', `minim review needs an interactive terminal; use minim approve ${file} ITEM… --reason TEXT or minim reject instead`);
  }
  const { select, input } = await import('@inquirer/prompts');
  const prompt = { input: process.stdin, output: process.stderr as NodeJS.WritableStream };
  const by = opts.by ?? defaultActor(ctx.env);
  let plan = await readPlan(file);
  const queue = plan.items.filter(
    (i) => (opts.all ? i.status !== 'obsolete' : i.status === 'proposed') && (!opts.category || i.category === opts.category) && (!opts.source || i.source === opts.source),
  );
  let decided = 0;
  for (const [n, item] of queue.entries()) {
    ctx.stderr.write(describeItem(item, n + 1, queue.length));
    const choice = await select(
      { message: 'Decision', choices: [{ name: 'approve', value: 'approved' }, { name: 'reject', value: 'rejected' }, { name: 'skip', value: 'skip' }, { name: 'quit', value: 'quit' }] },
      prompt,
    );
    if (choice === 'quit') break;
    if (choice === 'skip') continue;
    const reason = await input({ message: 'Reason', required: true, validate: (v) => v.trim().length > 0 || 'say why' }, prompt);
    const current = plan.items.find((i) => i.id === item.id)!;
    plan = decide(plan, [current], { verdict: choice as 'approved' | 'rejected', by, reason }).plan;
    await writePlan(file, plan);
    decided++;
  }
  ctx.stderr.write(`${decided} decision(s) recorded by ${by} in ${file}.\n`);
  return 0;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('review')
    .description('review proposed plan items one by one in the terminal: approve, reject or skip, with a reason')
    .argument('<plan>', 'plan file')
    .option('--by <name>', 'who decides (default: $MINIM_USER, else the OS user)')
    .option('--all', 'also revisit items already approved or rejected')
    .option('--category <id>', 'only this category')
    .option('--source <name>', 'only this source')
    .action(action(ctx, (file: string, opts: ReviewCliOptions) => runReview(file, opts, ctx)));
}
