/** Reads and writes plan files: YAML (JSON accepted on read), validated on read, written atomically. */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { MinimError } from '../errors.js';
import { planSchema, type Plan } from './plan-schema.js';
import { zodMessage } from './zod-message.js';
import { writeFileAtomic } from '../util/atomic.js';

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
    throw new MinimError('PLAN_INVALID', `plan ${file}: ${zodMessage(parsed.error)}`, { subject: file });
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
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new MinimError('FILE_NOT_FOUND', `plan ${path}: cannot read the file; run minim plan --out ${path} first`, { cause: e, subject: path });
  }
  return parsePlan(text, path);
}

/** Reads a plan file, or undefined when it does not exist (re-plan). */
export async function readPlanIfExists(path: string): Promise<Plan | undefined> {
  try {
    return parsePlan(await readFile(path, 'utf8'), path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
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
