/**
 * Approvals in tests go through this one function, so that when approvals become signed decisions
 * only this file changes. Today: `minim approve PLAN ID… --by test-steward --reason …`.
 */
import { readPlan, writePlan } from '../../src/plan/plan-file.js';
import type { PlanItem } from '../../src/plan/plan-schema.js';
import { runCaptured } from './cli.js';

/** Approves the items `ids` of the plan at `planPath`; throws with the CLI's message when it fails. */
export async function approveItems(planPath: string, ids: readonly string[]): Promise<void> {
  const r = await runCaptured(['approve', planPath, ...ids, '--by', 'test-steward', '--reason', 'write-path test review'], { MINIM_USER: 'test-steward' });
  if (r.code !== 0) throw new Error(`approve failed (${r.code}): ${r.stderr}`);
}

/** Edits items of a plan before approval (a steward's edit of the file), or adds a copy of one under a new table. */
export async function editItems(planPath: string, edit: (items: PlanItem[]) => PlanItem[]): Promise<void> {
  const plan = await readPlan(planPath);
  await writePlan(planPath, { ...plan, items: edit(plan.items) });
}
