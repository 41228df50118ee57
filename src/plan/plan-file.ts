/** Reads and writes plan files: YAML (JSON accepted on read), validated on read, written atomically. */
import { existsSync } from 'node:fs';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { MinimError } from '../errors.js';
import { planSchema, type Plan } from './plan-schema.js';
import { zodMessage } from './zod-message.js';
import { writeFileAtomic } from '../util/atomic.js';
import { readCapped } from '../util/read-capped.js';

export { writeFileAtomic };

/** Parses and validates plan text; `file` names it in errors (PLAN_INVALID). */
export function parsePlan(text: string, file: string): Plan {
  let raw: unknown;
  try {
    raw = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new MinimError('PLAN_INVALID', `plan ${file}: not valid YAML or JSON; restore it or re-run minim plan`, { cause: e, subject: file });
  }
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) {
    throw new MinimError('PLAN_INVALID', `plan ${file}: ${zodMessage(parsed.error, raw)}`, { subject: file });
  }
  const ids = new Set<string>();
  for (const item of parsed.data.items) {
    if (ids.has(item.id)) throw new MinimError('PLAN_INVALID', `plan ${file}: item ${item.id} appears twice`, { subject: file });
    ids.add(item.id);
  }
  return parsed.data;
}

/** Reads a plan file (FILE_NOT_FOUND when absent). */
export async function readPlan(path: string): Promise<Plan> {
  return parsePlan(await readCapped(path, { what: 'plan', hint: `run minim plan --out ${path} first` }), path);
}

/** Reads a plan file, or undefined when it does not exist (re-plan). */
export async function readPlanIfExists(path: string): Promise<Plan | undefined> {
  if (!existsSync(path)) return undefined;
  return parsePlan(await readCapped(path, { what: 'plan', hint: `run minim plan --out ${path} first` }), path);
}

/** The plan as YAML text (JSON when `json`). */
export function formatPlan(input: Plan, json = false): string {
  // Plan-level keys in a fixed, readable order (items last: they are the long part).
  const { version, createdAt, updatedAt, scan, policy, sources, schemaFingerprint, ignore, items, seal } = input;
  const plan = { version, createdAt, ...(updatedAt ? { updatedAt } : {}), scan, ...(policy ? { policy } : {}), sources, schemaFingerprint, ...(ignore ? { ignore } : {}), items, ...(seal ? { seal } : {}) };
  if (json) return JSON.stringify(plan, null, 2) + '\n';
  return stringifyYaml(plan, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** Writes a plan atomically (JSON when the path ends in .json). */
export async function writePlan(path: string, plan: Plan): Promise<void> {
  await writeFileAtomic(path, formatPlan(plan, path.toLowerCase().endsWith('.json')));
}
