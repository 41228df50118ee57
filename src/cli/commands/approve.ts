/**
 * `minim approve PLAN ITEM… | --all`: signed approvals (who comes from the steward's key, with
 * when, why, and the item's digest and source binding), then the plan is re-sealed.
 * `--retain --legal-basis TEXT` records a signed decision to keep the data as it is instead.
 */
import type { CliContext, CommandResult } from '../context.js';
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

/** `approve` and `reject`: the same options (approve adds --retain, --min-confidence), a different verdict. */
export async function runDecision(verb: 'approve' | 'reject', file: string, ids: string[], opts: DecisionCliOptions, ctx: CliContext): Promise<CommandResult> {
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
  if (opts.quiet) return { code: 0 };
  return {
    code: 0,
    output: { text: decided.map((i) => `${verdict} ${safeText(i.id)}\n`).join('') },
    summary:
      left.map((l) => `left out ${l.id}: ${l.why}\n`).join('') +
      outOfScope.map((l) => `left out ${l.id}: outside your scope (${l.why})\n`).join('') +
      `${decided.length} item(s) ${verdict}, signed by ${by} (${key.keyId}); plan sealed. Wrote ${file}.\n`,
  };
}

