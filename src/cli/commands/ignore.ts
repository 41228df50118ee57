/**
 * `minim ignore COLUMN --category C --reason R --expires DATE`: a steward signs an exception for a
 * known false positive (src/check/ignore.ts). The entry goes into ./minim.ignore.yaml (or --file);
 * `check` and `report` honour it until it expires, and only while its signature holds against
 * stewards.yaml and the steward's scope covers it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { verifyEntry } from '../../approvals/sign.js';
import { DEFAULT_IGNORE_FILE, ignorePayload, readIgnoreFile, today } from '../../check/ignore.js';
import { signIgnore } from '../../check/ignore-signature.js';
import { MinimError } from '../../errors.js';
import { loadRules } from '../../rules/load.js';
import { safeText } from '../../util/text.js';
import type { CliContext, CommandResult } from '../context.js';
import { stewardContext, type KeyCliOptions } from '../steward-key.js';

interface IgnoreOptions extends KeyCliOptions {
  category?: string;
  reason?: string;
  expires?: string;
  file?: string;
  quiet?: boolean;
}

/** At most this far ahead: an exception is reviewed at least once a year. */
const MAX_DAYS = 366;

export async function runIgnore(column: string, opts: IgnoreOptions, ctx: CliContext): Promise<CommandResult> {
  if (column.split('.').length !== 4) throw new MinimError('USAGE', `ignore: "${safeText(column)}" is not source.schema.table.column (globs allowed, e.g. payroll.public.*.term_date)`);
  if (!opts.category) throw new MinimError('USAGE', 'ignore needs --category ID (or * for every category of the matched columns)');
  const categories = [...loadRules().categories.keys()].sort();
  if (opts.category !== '*' && !categories.includes(opts.category)) throw new MinimError('USAGE', `ignore: unknown category "${safeText(opts.category)}"; use * or one of: ${categories.join(', ')}`);
  if (!opts.reason?.trim()) throw new MinimError('USAGE', 'ignore needs --reason TEXT: say why this is not personal data');
  const day = today();
  if (!opts.expires || !/^\d{4}-\d{2}-\d{2}$/.test(opts.expires) || Number.isNaN(Date.parse(`${opts.expires}T00:00:00Z`))) throw new MinimError('USAGE', 'ignore needs --expires YYYY-MM-DD (the last day it applies)');
  if (opts.expires < day) throw new MinimError('USAGE', `ignore: --expires ${opts.expires} is already past`);
  if (Date.parse(`${opts.expires}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`) > MAX_DAYS * 86_400_000) throw new MinimError('USAGE', `ignore: --expires is more than ${MAX_DAYS} days away; an exception is reviewed at least yearly`);
  const file = resolve(ctx.cwd, opts.file ?? DEFAULT_IGNORE_FILE);
  const { key, stewards } = await stewardContext(ctx, opts, file);
  const entry = signIgnore({ column, category: opts.category, reason: opts.reason.trim(), expires: opts.expires }, key);
  // Refuse what check would refuse: an unknown or revoked key, or a scope that does not cover it.
  const source = column.split('.')[0]!;
  const verdict = verifyEntry(ignorePayload(entry), entry.signature!, stewards, {
    ...(/[*?[\]{}]/.test(source) ? {} : { source }),
    ...(opts.category !== '*' ? { category: opts.category } : {}),
  });
  if (!verdict.ok) throw new MinimError('USAGE', `ignore: ${verdict.reason}: ${verdict.detail}`);
  const existing = existsSync(file) ? await readIgnoreFile(file) : [];
  const kept = existing.filter((e) => !(e.column === entry.column && e.category === entry.category));
  return {
    code: 0,
    output: { text: stringifyYaml({ ignore: [...kept, entry] }, { lineWidth: 0 }), file },
    ...(opts.quiet ? {} : { summary: `Signed: ${safeText(column)} (${opts.category}) ignored until ${opts.expires} by ${safeText(key.name)}; wrote ${safeText(file)}.\n` }),
  };
}
