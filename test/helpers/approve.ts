/**
 * Approvals in the write-path tests go through this one file: a real steward key (made once per
 * test process, exactly as `minim steward init` makes it), a stewards.yaml next to the plan, and
 * `minim approve` signing each decision. No two-person rule here: these tests are about writes.
 */
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Stewards } from '../../src/approvals/stewards.js';
import { readPlan, writePlan } from '../../src/plan/plan-file.js';
import type { PlanItem } from '../../src/plan/plan-schema.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { loadPolicy } from '../../src/plan/policy.js';
import { scan } from '../../src/scan/index.js';
import type { ScanResult } from '../../src/types.js';
import { runCaptured } from './cli.js';
import { makeSteward, writeStewards, type TestSteward } from './stewards.js';

let steward: Promise<TestSteward> | undefined;
const testSteward = () => (steward ??= makeSteward('Test Steward'));

/** stewards.yaml next to the plan (the test steward, no two-person rule); returns the parsed registry. */
export async function stewardsFor(planPath: string): Promise<Stewards> {
  return (await writeStewards(dirname(planPath), [await testSteward()], [])).stewards;
}

/** Approves the items `ids` of the plan at `planPath` with a signed decision; throws with the CLI's message when it fails. */
export async function approveItems(planPath: string, ids: readonly string[]): Promise<void> {
  const s = await testSteward();
  await stewardsFor(planPath);
  const r = await runCaptured(['approve', planPath, ...ids, '--reason', 'write-path test review'], s.env);
  if (r.code !== 0) throw new Error(`approve failed (${r.code}): ${r.stderr}`);
}

/** Edits items of a plan before approval (a steward's edit of the file), or adds a copy of one under a new table. */
export async function editItems(planPath: string, edit: (items: PlanItem[]) => PlanItem[]): Promise<void> {
  const plan = await readPlan(planPath);
  await writePlan(planPath, { ...plan, items: edit(plan.items) });
}

/** A copy of the plan at `base` named `name` (beside it), edited by `edit` as a steward would, with `ids` approved. */
export async function approvedCopy(base: string, name: string, ids: readonly string[], edit?: (items: PlanItem[]) => PlanItem[]): Promise<string> {
  const p = join(dirname(base), `${name}.yaml`);
  copyFileSync(base, p);
  if (edit) await editItems(p, edit);
  await approveItems(p, ids);
  return p;
}

/** Scans `url` as source `source` and writes its plan (the built-in policy) to `dir/base.yaml`. */
export async function basePlan(url: string, source: string, dir: string, options: { exact?: boolean } = {}): Promise<{ scanned: ScanResult; base: string }> {
  const scanned = await scan({ sources: [{ name: source, url }], ...options });
  const base = join(dir, 'base.yaml');
  await writePlan(base, buildPlan(scanned, await loadPolicy()));
  return { scanned, base };
}
