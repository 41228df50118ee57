/**
 * stewards.yaml: who may sign, with which key, for what. Kept in the same repository as the plans
 * and changed by review like code. Removing a steward, or marking them `revoked`, refuses their
 * signatures from then on (the signing time a signer writes cannot be trusted to date them).
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MinimError } from '../errors.js';
import { ACTIONS } from '../plan/policy-schema.js';
import { zodMessage } from '../plan/zod-message.js';
import { parsePublicKey, publicKeyObject } from './keys.js';

export const STEWARDS_FILE = 'stewards.yaml';
/** Actions that need two distinct stewards unless stewards.yaml says otherwise. */
export const DEFAULT_TWO_PERSON = ['purge', 'drop'] as const;

const list = z.array(z.string().min(1)).min(1, 'list at least one value, or ["*"] for all');
const scopeSchema = z
  .object({
    /** Source names (the plan's `source`), or `*`. */
    sources: list.optional(),
    /** Departments (the source's `department`), or `*`. */
    departments: list.optional(),
    /** Category ids, or `*`. */
    categories: list,
    /** Plan actions (and decisions about them), or `*`. */
    actions: list,
  })
  .strict()
  .refine((s) => s.sources || s.departments, { message: 'scope needs sources or departments (["*"] for all)' });

const stewardSchema = z
  .object({
    name: z.string().min(1),
    email: z.string().min(1),
    publicKey: z.string().min(1),
    scope: scopeSchema,
    /** `true`, or a note such as `2026-12-01 left the department`: every signature by this key is refused. */
    revoked: z.union([z.boolean(), z.string().min(1)]).optional(),
  })
  .strict();

export const stewardsFileSchema = z
  .object({
    version: z.literal(1).optional(),
    policy: z.object({ twoPerson: z.array(z.enum(ACTIONS)).optional() }).strict().optional(),
    stewards: z.array(stewardSchema).min(1, 'list at least one steward'),
  })
  .strict();

export interface StewardScope {
  readonly sources?: readonly string[];
  readonly departments?: readonly string[];
  readonly categories: readonly string[];
  readonly actions: readonly string[];
}

export interface Steward {
  readonly name: string;
  readonly email: string;
  readonly keyId: string;
  readonly publicKey: string;
  readonly key: KeyObject;
  readonly scope: StewardScope;
  /** Why the steward's signatures are refused, when they are. */
  readonly revoked?: string;
}

export interface Stewards {
  /** Where they were read from. */
  readonly path: string;
  /** By key id. */
  readonly byKeyId: ReadonlyMap<string, Steward>;
  readonly list: readonly Steward[];
  /** Actions that need two distinct stewards' approvals. */
  readonly twoPerson: readonly string[];
}

/** What a signature is about, for the scope check. */
export interface ScopeQuery {
  readonly source?: string;
  readonly department?: string;
  readonly category?: string;
  readonly action?: string;
}

const allows = (values: readonly string[] | undefined, v: string | undefined) => !!values && (values.includes('*') || (v !== undefined && values.includes(v)));

/** Whether `scope` covers the query; undefined when it does, else what is outside it. */
export function outOfScope(scope: StewardScope, q: ScopeQuery): string | undefined {
  if (q.source !== undefined || q.department !== undefined) {
    if (!allows(scope.sources, q.source) && !allows(scope.departments, q.department)) {
      return `source ${q.source ?? '?'}${q.department ? ` (department ${q.department})` : ''} is outside their sources/departments`;
    }
  }
  if (q.category !== undefined && !allows(scope.categories, q.category)) return `category ${q.category} is outside their categories`;
  if (q.action !== undefined && !allows(scope.actions, q.action)) return `action ${q.action} is outside their actions`;
  return undefined;
}

/** Parses and validates stewards.yaml text; one line naming the first problems (FILE_INVALID). */
export function parseStewards(text: string, path: string): Stewards {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new MinimError('FILE_INVALID', `${path}: not valid YAML; fix the file (it is reviewed like code)`, { cause: e, subject: path });
  }
  const parsed = stewardsFileSchema.safeParse(raw);
  if (!parsed.success) throw new MinimError('FILE_INVALID', `${path}: ${zodMessage(parsed.error)}`, { subject: path });
  const byKeyId = new Map<string, Steward>();
  const names = new Set<string>();
  const list: Steward[] = [];
  for (const [i, s] of parsed.data.stewards.entries()) {
    const where = `${path}: at stewards.${i}.publicKey`;
    const { raw: pub, keyId } = parsePublicKey(s.publicKey, where);
    if (byKeyId.has(keyId)) throw new MinimError('FILE_INVALID', `${path}: at stewards.${i}: the key ${keyId} is listed twice (also for ${byKeyId.get(keyId)!.name}); one key, one steward`, { subject: path });
    if (names.has(s.name)) throw new MinimError('FILE_INVALID', `${path}: at stewards.${i}: the name ${s.name} is listed twice; each steward once, with one key`, { subject: path });
    names.add(s.name);
    const revoked = s.revoked === true ? 'revoked' : typeof s.revoked === 'string' ? `revoked: ${s.revoked}` : undefined;
    const steward: Steward = { name: s.name, email: s.email, keyId, publicKey: s.publicKey.trim(), key: publicKeyObject(pub), scope: s.scope, ...(revoked ? { revoked } : {}) };
    byKeyId.set(keyId, steward);
    list.push(steward);
  }
  return { path, byKeyId, list, twoPerson: parsed.data.policy?.twoPerson ?? [...DEFAULT_TWO_PERSON] };
}

/** Where stewards.yaml is: `--stewards FILE`, else next to the plan, else the working directory. */
export function findStewardsFile(explicit: string | undefined, planFile: string | undefined, cwd: string): string | undefined {
  if (explicit) return resolve(cwd, explicit);
  const candidates = [...(planFile ? [join(dirname(resolve(cwd, planFile)), STEWARDS_FILE)] : []), join(cwd, STEWARDS_FILE)];
  return candidates.find((p) => existsSync(p));
}

/** Reads stewards.yaml (FILE_NOT_FOUND naming where it was looked for). */
export async function loadStewards(explicit: string | undefined, planFile: string | undefined, cwd: string): Promise<Stewards> {
  const path = findStewardsFile(explicit, planFile, cwd);
  if (!path) {
    const where = planFile ? `next to ${planFile} or in ${cwd}` : `in ${cwd}`;
    throw new MinimError('FILE_NOT_FOUND', `no ${STEWARDS_FILE} ${where}; pass --stewards FILE (each steward adds the line minim steward show prints)`);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new MinimError('FILE_NOT_FOUND', `${path}: cannot read the stewards file; pass --stewards FILE`, { cause: e, subject: path });
  }
  return parseStewards(text, path);
}
