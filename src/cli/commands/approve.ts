/**
 * `minim approve PLAN ITEM… | --all`: signed approvals (who comes from the steward's key, with
 * when, why, and the item's digest and source binding), then the plan is re-sealed.
 * `--retain --legal-basis TEXT` records a signed decision to keep the data as it is instead.
 */
import { Option, type Command } from 'commander';
import { action, type CliContext } from '../context.js';
import { safeText } from '../../util/text.js';
import { MinimError } from '../../errors.js';
import { readPlan, writePlan } from '../../plan/plan-file.js';
import { decide, DEFAULT_MIN_CONFIDENCE, selectItems, type Verdict } from '../../plan/decide.js';
import { stewardContext, type KeyCliOptions } from '../steward-key.js';

interface DecisionCliOptions extends KeyCliOptions {
  all?: boolean;
  category?: string;
  source?: string;
  minConfidence?: number;
  reason?: string;
  retain?: boolean;
  legalBasis?: string;
  by?: string;
  quiet?: boolean;
}

async function runDecision(verb: 'approve' | 'reject', file: string, ids: string[], opts: DecisionCliOptions, ctx: CliContext): Promise<number> {
  if (opts.by !== undefined) throw new MinimError('USAGE', '--by is gone: decisions are signed, and who decided comes from your steward key (minim steward init, then minim steward show)');
  if (opts.retain && verb !== 'approve') throw new MinimError('USAGE', '--retain belongs to minim approve (a decision to keep the data on a legal basis)');
  if (opts.legalBasis && !opts.retain) throw new MinimError('USAGE', '--legal-basis goes with --retain');
  if (opts.minConfidence !== undefined && !opts.all) throw new MinimError('USAGE', '--min-confidence narrows --all; items named by id are taken as named');
  const verdict: Verdict = opts.retain ? 'retained' : verb === 'approve' ? 'approved' : 'rejected';
  const plan = await readPlan(file);
  const approving = verdict !== 'rejected';
  const { items: selected, left } = selectItems(
    plan,
    {
      ids,
      ...(opts.all ? { all: true } : {}),
      ...(opts.category ? { category: opts.category } : {}),
      ...(opts.source ? { source: opts.source } : {}),
      // Bulk approval is the dangerous one: it takes only confident findings whose names do not contradict them.
      ...(opts.all && approving ? { minConfidence: opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE, guardNames: true } : {}),
    },
    file,
  );
  const { key, stewards } = await stewardContext(ctx, opts, file);
  const { plan: next, decided, outOfScope, by } = decide(plan, selected, {
    verdict,
    reason: opts.reason ?? '',
    ...(opts.legalBasis ? { legalBasis: opts.legalBasis } : {}),
    key,
    stewards,
    skipOutOfScope: !!opts.all,
    file,
  });
  await writePlan(file, next);
  if (!opts.quiet) {
    for (const i of decided) ctx.stdout.write(`${verdict} ${safeText(i.id)}\n`);
    for (const l of left) ctx.stderr.write(`left out ${l.id}: ${l.why}\n`);
    for (const l of outOfScope) ctx.stderr.write(`left out ${l.id}: outside your scope (${l.why})\n`);
    ctx.stderr.write(`${decided.length} item(s) ${verdict}, signed by ${by} (${key.keyId}); plan sealed. Wrote ${file}.\n`);
  }
  return 0;
}

const confidence = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new MinimError('USAGE', `--min-confidence takes a number from 0 to 1, not "${v}"`);
  return n;
};

/** Registers `approve` or `reject`: the same options, a different verdict. */
export function registerDecision(program: Command, ctx: CliContext, verb: 'approve' | 'reject'): void {
  const cmd = program
    .command(verb)
    .description(`${verb} plan items: a decision signed with your steward key over the item, the reason, the time and the plan's database; re-seals the plan`)
    .argument('<plan>', 'plan file')
    .argument('[items...]', 'item ids (source.schema.table.column:action)')
    .option('--all', 'every item that is not obsolete (narrow with --category, --source)')
    .option('--category <id>', 'with --all: only this category')
    .option('--source <name>', 'with --all: only this source');
  if (verb === 'approve') {
    cmd
      .option('--min-confidence <n>', `with --all: only findings at or above this confidence (default ${DEFAULT_MIN_CONFIDENCE}); items whose column name contradicts their values are always left to approval by id`, confidence)
      .option('--retain', 'decide to keep the data as it is (also for a rejected item), with --legal-basis')
      .option('--legal-basis <text>', 'with --retain: the law or rule the data is kept under');
  }
  cmd
    .option('--reason <text>', 'why (required)')
    .option('--stewards <file>', 'stewards.yaml (default: next to the plan, else ./stewards.yaml)')
    .option('--passphrase-env <var>', 'environment variable holding your key passphrase (default MINIM_STEWARD_PASSPHRASE)')
    .addOption(new Option('--by <name>').hideHelp())
    .option('-q, --quiet', 'print nothing')
    .action(action(ctx, (file: string, ids: string[], opts: DecisionCliOptions) => runDecision(verb, file, ids, opts, ctx)));
}

export function register(program: Command, ctx: CliContext): void {
  registerDecision(program, ctx, 'approve');
}
