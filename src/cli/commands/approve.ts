/** `minim approve PLAN ITEM… | --all`: record approvals (who, when, why, digest of the item). */
import type { Command } from 'commander';
import { action, type CliContext } from '../context.js';
import { readPlan, writePlan } from '../../plan/plan-file.js';
import { decide, defaultActor, selectItems, type Verdict } from '../../plan/decide.js';

interface DecisionCliOptions {
  all?: boolean;
  category?: string;
  source?: string;
  by?: string;
  reason?: string;
  quiet?: boolean;
}

async function runDecision(verdict: Verdict, file: string, ids: string[], opts: DecisionCliOptions, ctx: CliContext): Promise<number> {
  const plan = await readPlan(file);
  const selected = selectItems(plan, { ids, ...(opts.all ? { all: true } : {}), ...(opts.category ? { category: opts.category } : {}), ...(opts.source ? { source: opts.source } : {}) }, file);
  const { plan: next, decided } = decide(plan, selected, { verdict, by: opts.by ?? defaultActor(ctx.env), reason: opts.reason ?? '' });
  await writePlan(file, next);
  if (!opts.quiet) {
    for (const i of decided) ctx.stdout.write(`${verdict} ${i.id}\n`);
    ctx.stderr.write(`${decided.length} item(s) ${verdict} by ${decided[0]?.decisions.at(-1)?.by ?? opts.by ?? ''}. Wrote ${file}.\n`);
  }
  return 0;
}

/** Registers `approve` or `reject`: the same options, a different verdict. */
export function registerDecision(program: Command, ctx: CliContext, verdict: Verdict): void {
  const verb = verdict === 'approved' ? 'approve' : 'reject';
  program
    .command(verb)
    .description(`${verb} plan items: records who, when, why and a digest of each item as ${verdict}`)
    .argument('<plan>', 'plan file')
    .argument('[items...]', 'item ids (source.schema.table.column:action)')
    .option('--all', 'every item that is not obsolete (narrow with --category, --source)')
    .option('--category <id>', 'with --all: only this category')
    .option('--source <name>', 'with --all: only this source')
    .option('--by <name>', 'who decides (default: $MINIM_USER, else the OS user)')
    .option('--reason <text>', 'why (required)')
    .option('-q, --quiet', 'print nothing')
    .action(action(ctx, (file: string, ids: string[], opts: DecisionCliOptions) => runDecision(verdict, file, ids, opts, ctx)));
}

export function register(program: Command, ctx: CliContext): void {
  registerDecision(program, ctx, 'approved');
}
