/**
 * The access policy (rules/access-policy.yaml or --access-policy FILE): per category and
 * department, the roles allowed to read a column holding it, each with a reason.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MinimError } from '../errors.js';
import { zodMessage } from '../plan/zod-message.js';

const allowSchema = z
  .object({
    role: z.string().min(1, 'a role name'),
    reason: z.string().min(1, 'why this role needs to read it'),
  })
  .strict();

export const accessRuleSchema = z
  .object({
    allow: z.array(allowSchema),
    reason: z.string().min(1).optional(),
  })
  .strict();
export type AccessRule = z.infer<typeof accessRuleSchema>;

export const accessPolicySchema = z
  .object({
    version: z.literal(1),
    categories: z.record(
      z.string().regex(/^[a-z][a-z0-9_]*$/, 'a category id'),
      z.object({ default: accessRuleSchema, departments: z.record(z.string().min(1), accessRuleSchema).optional() }).strict(),
    ),
  })
  .strict();
export type AccessPolicy = z.infer<typeof accessPolicySchema>;

/** The built-in access policy: the nearest `rules/access-policy.yaml` above this module (src/ or dist/src/). */
export const DEFAULT_ACCESS_POLICY_PATH = findUp(dirname(fileURLToPath(import.meta.url)), join('rules', 'access-policy.yaml'));

function findUp(dir: string, rel: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, rel))) return join(d, rel);
    if (dirname(d) === d) return join(dir, rel);
  }
}

/** Reads and validates an access policy: FILE_NOT_FOUND, FILE_INVALID (not YAML) or RULE_INVALID (wrong shape). */
export async function loadAccessPolicy(path: string = DEFAULT_ACCESS_POLICY_PATH): Promise<AccessPolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new MinimError('FILE_NOT_FOUND', `access policy ${path}: cannot read the file; check the --access-policy path`, { cause: e, subject: path });
  }
  return parseAccessPolicy(text, path);
}

/** Parses access policy text; `file` names it in errors (one line: file, entry, what is expected). */
export function parseAccessPolicy(text: string, file: string): AccessPolicy {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    const line = (e as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new MinimError('FILE_INVALID', `access policy ${file}${line ? ` line ${line}` : ''}: not valid YAML; fix the syntax`, { cause: e, subject: file });
  }
  const parsed = accessPolicySchema.safeParse(raw);
  if (!parsed.success) {
    throw new MinimError('RULE_INVALID', `access policy ${file}: ${zodMessage(parsed.error)}`, { subject: file });
  }
  return parsed.data;
}

/** The rule for one category and a column's department keys; undefined when the category is not judged. */
export function resolveAccessRule(
  policy: AccessPolicy,
  category: string,
  departmentKeys: readonly string[],
): { rule: AccessRule; origin: string; department?: string } | undefined {
  const cat = policy.categories[category];
  if (!cat) return undefined;
  const keys = departmentKeys.map((k) => k.toLowerCase());
  for (const [dept, rule] of Object.entries(cat.departments ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (keys.includes(dept.toLowerCase())) return { rule, origin: `${category}.departments.${dept}`, department: dept };
  }
  return { rule: cat.default, origin: `${category}.default` };
}
