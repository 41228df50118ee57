/**
 * `minim verify PLAN`: the approval trail — who decided what, under which scope, and whether each
 * signature holds — and the seal. Exit 0: every decision that carries the plan holds and the seal
 * holds; 1: something is refused (migrate would refuse it, APPROVAL_INVALID); 2: unreadable input.
 */
import type { CliContext, CommandResult } from '../context.js';
import { readPlan } from '../../plan/plan-file.js';
import type { Plan } from '../../plan/plan-schema.js';
import { loadStewards, type Stewards } from '../../approvals/stewards.js';
import { problemLine, verifyPlan, type PlanVerification } from '../../approvals/verify.js';

interface VerifyCliOptions {
  stewards?: string;
  format?: 'text' | 'json';
}

const scopeText = (st: Stewards, name: string | undefined) => {
  const s = st.list.find((x) => x.name === name);
  if (!s) return '';
  const where = [...(s.scope.sources ? [`sources ${s.scope.sources.join(',')}`] : []), ...(s.scope.departments ? [`departments ${s.scope.departments.join(',')}`] : [])].join('; ');
  return ` [scope: ${where}; categories ${s.scope.categories.join(',')}; actions ${s.scope.actions.join(',')}]`;
};

/** The trail as text lines. */
export function trailText(plan: Plan, v: PlanVerification, stewards: Stewards): string {
  const lines: string[] = [];
  lines.push(`plan version ${plan.version}; stewards ${v.stewards}${plan.version === 1 ? ' — UNSIGNED (version 1): shown, never applied' : ''}`);
  lines.push(v.seal.ok ? `seal: holds, by ${v.seal.by} at ${v.seal.at}` : `seal: REFUSED [${v.seal.reason}] ${v.seal.detail}`);
  for (const item of v.items) {
    if (item.trail.length === 0 && item.status === 'proposed') continue;
    const head = item.problem ? `REFUSED [${item.problem.reason}]` : item.status === 'approved' || item.status === 'retained' ? `ok (${item.deciders.join(' + ')}${item.needed > 1 ? `, ${item.needed} needed` : ''})` : 'ok';
    lines.push(`${item.id}  ${item.status}  ${head}`);
    for (const t of item.trail) {
      const d = t.decision;
      const verdict = t.verdict === 'valid' ? 'signature holds' : t.verdict === 'minim' ? 'minim' : `INVALID [${t.verdict}] ${t.detail ?? ''}`;
      lines.push(`  ${d.at}  ${d.decision} by ${d.by}${d.keyId ? ` (${d.keyId})` : ''}${t.verdict === 'valid' ? scopeText(stewards, t.steward) : ''}: ${d.reason}${d.legalBasis ? ` [basis: ${d.legalBasis}]` : ''} — ${verdict}`);
    }
  }
  const n = v.problems.length;
  lines.push(n === 0 ? 'All signatures and the seal hold.' : `${n} problem(s):`);
  for (const p of v.problems) lines.push(`  ${problemLine(p)}`);
  return lines.join('\n') + '\n';
}

export async function runVerify(file: string, opts: VerifyCliOptions, ctx: CliContext): Promise<CommandResult> {
  const plan = await readPlan(file);
  const stewards = await loadStewards(opts.stewards, file, ctx.cwd);
  const v = verifyPlan(plan, stewards);
  const code = v.problems.length === 0 ? 0 : 1;
  if (opts.format === 'json') {
    const out = {
      plan: file,
      version: plan.version,
      stewards: v.stewards,
      ok: v.problems.length === 0,
      seal: v.seal,
      items: v.items.map((i) => ({
        id: i.id,
        status: i.status,
        deciders: i.deciders,
        needed: i.needed,
        ...(i.problem ? { problem: i.problem } : {}),
        trail: i.trail.map((t) => ({ decision: t.decision.decision, by: t.decision.by, at: t.decision.at, reason: t.decision.reason, keyId: t.decision.keyId ?? null, verdict: t.verdict, ...(t.detail ? { detail: t.detail } : {}) })),
      })),
      problems: v.problems,
    };
    return { code, output: { text: JSON.stringify(out, null, 2) + '\n' } };
  }
  return { code, output: { text: trailText(plan, v, stewards) } };
}
