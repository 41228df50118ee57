/** Loads the minimization policy (rules/policy.yaml or --policy FILE) and resolves the rules for a column. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { MinimError } from '../errors.js';
import { policySchema, type Policy, type PolicyRule } from './policy-schema.js';
import { zodMessage } from './zod-message.js';
import { readCapped } from '../util/read-capped.js';

/** The built-in policy shipped with minim: the nearest `rules/policy.yaml` above this module (src/ or dist/src/). */
export const DEFAULT_POLICY_PATH = findUp(dirname(fileURLToPath(import.meta.url)), join('rules', 'policy.yaml'));

function findUp(dir: string, rel: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, rel))) return join(d, rel);
    if (dirname(d) === d) return join(dir, rel);
  }
}

/** Reads and validates a policy file: FILE_NOT_FOUND, FILE_INVALID (not YAML) or RULE_INVALID (wrong shape). */
export async function loadPolicy(path: string = DEFAULT_POLICY_PATH): Promise<Policy> {
  return parsePolicy(await readCapped(path, { what: 'policy', hint: 'check the --policy path' }), path);
}

/** Parses policy text; `file` names it in errors. */
export function parsePolicy(text: string, file: string): Policy {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    const line = (e as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new MinimError('FILE_INVALID', `policy ${file}${line ? ` line ${line}` : ''}: not valid YAML; fix the syntax`, { cause: e, subject: file });
  }
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) {
    throw new MinimError('RULE_INVALID', `policy ${file}: ${zodMessage(parsed.error, raw)}`, { subject: file });
  }
  return parsed.data;
}

/** Where a rule came from, for the item's reason trail. */
export interface ResolvedRule {
  readonly rule: PolicyRule;
  /** e.g. `ssn.departments.payroll`, `ssn.text`, `text_default`. */
  readonly origin: string;
}

export interface RuleQuery {
  readonly category: string;
  /** Keys a department override may match: department, source name, schema. */
  readonly departmentKeys: readonly string[];
  /** The finding comes from free text (evidence source `text`) rather than the whole value. */
  readonly freeText: boolean;
}

const asList = (r: PolicyRule | PolicyRule[]): PolicyRule[] => (Array.isArray(r) ? r : [r]);

/** The policy rules for one finding; empty when the policy says nothing about the category. */
export function resolveRules(policy: Policy, q: RuleQuery): ResolvedRule[] {
  const cat = policy.categories[q.category];
  const tag = (rules: PolicyRule | PolicyRule[], origin: string) => asList(rules).map((rule) => ({ rule, origin }));
  // NOTE: free text is checked first: a department that keeps SSNs in their own column has no
  // reason to keep SSNs typed into notes.
  if (q.freeText) {
    if (cat?.text) return tag(cat.text, `${q.category}.text`);
    if (policy.text_default) return tag(policy.text_default, 'text_default');
  }
  const keys = q.departmentKeys.map((k) => k.toLowerCase());
  if (cat?.departments) {
    for (const [dept, rules] of Object.entries(cat.departments).sort(([a], [b]) => a.localeCompare(b))) {
      if (keys.includes(dept.toLowerCase())) return tag(rules, `${q.category}.departments.${dept}`);
    }
  }
  return cat ? tag(cat.default, `${q.category}.default`) : [];
}
