/**
 * Exceptions stewards own: an `ignore` entry suppresses a known false positive (a column or glob,
 * one category) in `check` and reports until its expiry date, and only when its steward's signature
 * verifies. Entries live in their own file (`minim.ignore.yaml`) or under `ignore:` in a plan.
 */
import type { SignedPayload } from '../approvals/sign.js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MinimError } from '../errors.js';
import { zodMessage } from '../plan/zod-message.js';
import type { ScanColumn, ScanResult } from '../types.js';

export const DEFAULT_IGNORE_FILE = 'minim.ignore.yaml';

export const ignoreEntrySchema = z
  .object({
    /** `source.schema.table.column`, globs allowed (`payroll.public.*.term_date`). */
    column: z.string().min(1),
    /** A category id, or `*` for every category of the matched columns. */
    category: z.string().min(1),
    reason: z.string().min(1),
    /** The steward's name as stewards.yaml writes it (taken from the signing key, never typed). */
    steward: z.string().min(1),
    /** The signing key's id (`SHA256:…`, as `minim steward show` prints it). */
    keyId: z.string().optional(),
    /** Last day the entry suppresses (YYYY-MM-DD, inclusive); after it the finding shows again. */
    expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
    /** base64 ed25519 signature over ignorePayload(entry). */
    signature: z.string().optional(),
  })
  .strict();
export type IgnoreEntry = z.infer<typeof ignoreEntrySchema>;

export const ignoreFileSchema = z.object({ ignore: z.array(ignoreEntrySchema) }).strict();

/** Checks an entry's signature (src/check/ignore-signature.ts: stewards.yaml through src/approvals). */
export interface IgnoreVerifier {
  verify(entry: IgnoreEntry, payload: SignedPayload): { ok: true } | { ok: false; why: string };
}

/** The signed payload of an entry (src/approvals `signEntry`): every field but the signature, under its own type. */
export function ignorePayload(entry: IgnoreEntry): SignedPayload {
  const { column, category, reason, steward, expires, keyId } = entry;
  return { type: IGNORE_TYPE, keyId: keyId ?? '', by: steward, column, category, reason, expires };
}

/** The payload type of an ignore entry: a decision's or a seal's signature never verifies as one. */
export const IGNORE_TYPE = 'minim-ignore/1';

export type IgnoreState = 'active' | 'expired' | 'invalid';

export interface EvaluatedIgnore {
  readonly entry: IgnoreEntry;
  readonly state: IgnoreState;
  /** expired: since when; invalid: why the signature was refused. */
  readonly detail: string;
  /** Where the entry came from (file path, or `plan FILE`). */
  readonly from: string;
}

/** Reads an ignore file (YAML or JSON): `{ ignore: [ … ] }`. */
export async function readIgnoreFile(path: string): Promise<IgnoreEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new MinimError('FILE_NOT_FOUND', `ignore file ${path}: cannot read the file; pass an existing file to --ignore`, { cause: e, subject: path });
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new MinimError('FILE_INVALID', `ignore file ${path}: not valid YAML; fix the file`, { cause: e, subject: path });
  }
  const parsed = ignoreFileSchema.safeParse(raw ?? { ignore: [] });
  if (!parsed.success) throw new MinimError('FILE_INVALID', `ignore file ${path}: ${zodMessage(parsed.error)}`, { subject: path });
  return parsed.data.ignore;
}

/** `--ignore FILE`, else ./minim.ignore.yaml when present, else none. */
export async function loadIgnores(path: string | undefined, cwd: string): Promise<{ entries: IgnoreEntry[]; path?: string }> {
  const p = path ?? (existsSync(`${cwd}/${DEFAULT_IGNORE_FILE}`) ? `${cwd}/${DEFAULT_IGNORE_FILE}` : undefined);
  return p ? { entries: await readIgnoreFile(p), path: p } : { entries: [] };
}

/** Today as YYYY-MM-DD (UTC). */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Sorts entries into active, expired (past `expires`) and invalid (signature refused). */
export function evaluateIgnores(entries: readonly { entry: IgnoreEntry; from: string }[], verifier: IgnoreVerifier, now = new Date()): EvaluatedIgnore[] {
  const day = today(now);
  return entries.map(({ entry, from }) => {
    const v = verifier.verify(entry, ignorePayload(entry));
    if (!v.ok) return { entry, from, state: 'invalid' as const, detail: v.why };
    if (entry.expires < day) return { entry, from, state: 'expired' as const, detail: `expired ${entry.expires}; review it and sign a new entry` };
    return { entry, from, state: 'active' as const, detail: `until ${entry.expires}` };
  });
}

/** The active entry suppressing this column's category, if any. */
export function ignoreMatcher(evaluated: readonly EvaluatedIgnore[]) {
  const active = evaluated
    .filter((e) => e.state === 'active')
    .map((e) => ({ e, match: picomatch(e.entry.column, { dot: true, nocase: false }) }));
  return (c: Pick<ScanColumn, 'source' | 'schema' | 'table' | 'column'>, category: string): EvaluatedIgnore | undefined => {
    const name = `${c.source}.${c.schema}.${c.table}.${c.column}`;
    return active.find((a) => (a.e.entry.category === '*' || a.e.entry.category === category) && a.match(name))?.e;
  };
}

export interface Suppressed {
  readonly source: string;
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly category: string;
  readonly reason: string;
  readonly steward: string;
  readonly expires: string;
}

/** A copy of the scan without the findings active ignores suppress, and what they suppressed. */
export function applyIgnores(scan: ScanResult, evaluated: readonly EvaluatedIgnore[]): { scan: ScanResult; suppressed: Suppressed[] } {
  const match = ignoreMatcher(evaluated);
  const suppressed: Suppressed[] = [];
  const columns = scan.columns.map((c) => {
    const kept = c.findings.filter((f) => {
      const hit = match(c, f.category);
      if (hit) {
        const { reason, steward, expires } = hit.entry;
        suppressed.push({ source: c.source, schema: c.schema, table: c.table, column: c.column, category: f.category, reason, steward, expires });
      }
      return !hit;
    });
    return kept.length === c.findings.length ? c : { ...c, findings: kept };
  });
  return { scan: { ...scan, columns }, suppressed };
}
