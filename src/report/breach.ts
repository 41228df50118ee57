/**
 * Breach-notification triggers as data (rules/breach/*.yaml): which exposed findings would oblige the
 * city to notify residents or a regulator under each profile, and which would not. Every verdict
 * carries its statute and the profile's `review: counsel` mark: a reading for counsel to confirm.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MinimError } from '../errors.js';
import { zodMessage } from '../plan/zod-message.js';
import type { ScanResult } from '../types.js';
import { packageRoot } from '../util/paths.js';
import { columnExposure, type ExposureRow } from './exposure.js';
import { departmentOf } from './model.js';

const counsel = z.literal('counsel', { error: 'every entry needs review: counsel' });
const cited = { statute: z.string().min(1), review: counsel };

export const breachProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
    jurisdiction: z.string().min(1),
    ...cited,
    appliesTo: z.string().optional(),
    requiresName: z.boolean(),
    nameCategories: z.array(z.string()).min(1),
    elements: z.array(z.object({ id: z.string(), categories: z.array(z.string()).min(1), ...cited, note: z.string().optional(), condition: z.string().optional(), requiresName: z.boolean().optional() }).strict()).min(1),
    notTriggers: z.array(z.object({ categories: z.array(z.string()).min(1), ...cited, note: z.string().optional() }).strict()),
    safeHarbor: z.object({ ...cited, note: z.string() }).strict(),
    deadline: z.object({ text: z.string(), ...cited }).strict(),
    thresholds: z.array(z.object({ residents: z.number().int().min(1), notify: z.array(z.string()).min(1), ...cited }).strict()),
  })
  .strict();
export type BreachProfile = z.infer<typeof breachProfileSchema>;

/** The profiles shipped in rules/breach (or `dir`), by id. */
export function readBreachProfiles(dir = join(packageRoot(), 'rules', 'breach')): Map<string, BreachProfile> {
  const out = new Map<string, BreachProfile>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) {
    const path = join(dir, f);
    const parsed = breachProfileSchema.safeParse(parseYaml(readFileSync(path, 'utf8')));
    if (!parsed.success) throw new MinimError('RULE_INVALID', `breach profile ${path}: ${zodMessage(parsed.error)}`, { subject: path });
    out.set(parsed.data.id, parsed.data);
  }
  return out;
}

/** `--breach missouri,colorado` or `all`; an unknown id is a usage error naming the known ones. */
export async function loadBreachProfiles(ids: readonly string[]): Promise<BreachProfile[]> {
  const all = readBreachProfiles();
  if (ids.includes('all')) return [...all.values()];
  return ids.map((id) => {
    const p = all.get(id);
    if (!p) throw new MinimError('USAGE', `--breach: no profile "${id}"; use all, or one of: ${[...all.keys()].join(', ')}`);
    return p;
  });
}

export type BreachVerdict = 'notify' | 'conditional' | 'no';

export interface BreachFinding {
  readonly profile: string;
  readonly jurisdiction: string;
  readonly verdict: BreachVerdict;
  /** Rows that count: in tables that also hold a name when the statute needs one. */
  readonly rows: number;
  readonly statute: string;
  readonly why: string;
  /** Regulators to notify too, by the rows' size (rows stand in for residents: counsel confirms). */
  readonly alsoNotify: string[];
  readonly review: 'counsel';
}

/** For one exposure row (department × source × category), the verdict under each profile. */
export function breachVerdicts(scan: ScanResult, row: ExposureRow, profiles: readonly BreachProfile[]): BreachFinding[] {
  // Per table of this department and source: its categories, and rows holding `row.category`.
  const tables = new Map<string, { cats: Set<string>; rows: number }>();
  for (const c of scan.columns) {
    if (c.source !== row.source || departmentOf(scan, c.source, c.schema) !== row.department) continue;
    const k = JSON.stringify([c.schema, c.table]);
    const t = tables.get(k) ?? { cats: new Set<string>(), rows: 0 };
    for (const f of c.findings) {
      t.cats.add(f.category);
      if (f.category === row.category) t.rows = Math.max(t.rows, columnExposure(c, f).rows);
    }
    tables.set(k, t);
  }
  return profiles.map((p) => {
    const base = { profile: p.id, jurisdiction: p.jurisdiction, review: 'counsel' as const };
    const el = p.elements.find((e) => e.categories.includes(row.category));
    if (!el) {
      const not = p.notTriggers.find((n) => n.categories.includes(row.category));
      return { ...base, verdict: 'no' as const, rows: 0, statute: not?.statute ?? p.statute, why: not?.note ?? 'not a listed data element', alsoNotify: [] };
    }
    const needName = el.requiresName ?? p.requiresName;
    const holding = [...tables.values()].filter((t) => t.cats.has(row.category));
    const named = holding.filter((t) => !needName || p.nameCategories.some((n) => t.cats.has(n)));
    const rows = named.reduce((s, t) => s + t.rows, 0);
    if (named.length === 0) {
      return { ...base, verdict: 'no' as const, rows: 0, statute: el.statute, why: 'no name in the same table (the statute needs a name with the element; a join elsewhere may still link them)', alsoNotify: [] };
    }
    const alsoNotify = p.thresholds.filter((t) => rows >= t.residents).flatMap((t) => t.notify.map((x) => `${x} (${t.statute})`));
    const why = `${el.note ?? row.category}${needName ? ', with a name in the same table' : ''}; notice ${p.deadline.text} (${p.deadline.statute})`;
    return el.condition
      ? { ...base, verdict: 'conditional' as const, rows, statute: el.statute, why: `${el.condition}; ${why}`, alsoNotify }
      : { ...base, verdict: 'notify' as const, rows, statute: el.statute, why, alsoNotify };
  });
}
