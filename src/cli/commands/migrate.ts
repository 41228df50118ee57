/**
 * `minim migrate PLAN`: SQL for approved items (dry run: SQL + row counts), or `--apply`: batched
 * execution with a progress bar, a journal, and every item's state on stdout (also on failure).
 * Exit 0 every item done and verified; 2 something failed or was refused (APPROVAL_INVALID,
 * SOURCE_MISMATCH, PLAN_TAMPERED, PLAN_STALE), or a usage or connection error (then nothing ran).
 * Every signature and the seal are verified against stewards.yaml first.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import type { CliContext, CommandOutput, CommandResult } from '../context.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config.js';
import { MinimError } from '../../errors.js';
import { registerSecret } from '../../util/log.js';
import { DEFAULT_ACCESS_POLICY_PATH, loadAccessPolicy } from '../../access/policy.js';
import { secretsOf } from '../../util/url.js';
import { rawSink, safeText } from '../../util/text.js';
import { readPlan } from '../../plan/plan-file.js';
import type { Plan } from '../../plan/plan-schema.js';
import { loadPolicy, DEFAULT_POLICY_PATH } from '../../plan/policy.js';
import { migrate, DEFAULT_BATCH_SIZE, type MigrateResult } from '../../migrate/migrate.js';
import { loadStewards } from '../../approvals/stewards.js';
import { journalPath } from '../../migrate/journal.js';

interface MigrateCliOptions {
  url?: string;
  config?: string;
  source?: string[];
  out?: string;
  apply?: boolean;
  batchSize?: number;
  allowDrop?: boolean;
  requireAll?: boolean;
  policy?: string;
  progress?: boolean;
  quiet?: boolean;
  stewards?: string;
  journal?: string;
  accessPolicy?: string;
}

/** Connection URL per plan source: --source NAME=URL, --url (one-source plans), --config, else the plan's own URL when it holds no password. */
export function resolveUrls(plan: Plan, opts: MigrateCliOptions, ctx: CliContext): Map<string, string> {
  const urls = new Map<string, string>();
  for (const s of plan.sources) if (s.url && !s.url.includes('***')) urls.set(s.name, s.url);
  const configPath = opts.config ?? (existsSync(join(ctx.cwd, DEFAULT_CONFIG_FILE)) && !opts.url && !opts.source ? join(ctx.cwd, DEFAULT_CONFIG_FILE) : undefined);
  if (configPath) for (const s of loadConfig(configPath, ctx.env).sources) urls.set(s.name, s.url);
  if (opts.url) {
    const names = plan.sources.length > 0 ? plan.sources.map((s) => s.name) : [...new Set(plan.items.map((i) => i.source))];
    if (names.length !== 1) throw new MinimError('USAGE', `the plan has ${names.length} sources (${names.join(', ')}); use --source NAME=URL for each, or --config`);
    urls.set(names[0]!, opts.url);
  }
  for (const arg of opts.source ?? []) {
    const eq = arg.indexOf('=');
    if (eq < 1) throw new MinimError('USAGE', '--source takes NAME=URL (the value given has no NAME=; not shown, it may hold a password)');
    urls.set(arg.slice(0, eq), arg.slice(eq + 1));
  }
  for (const u of urls.values()) for (const s of secretsOf(u)) registerSecret(s);
  return urls;
}

/** The per-item lines of a run: every item with rows changed, rows skipped and its state; dry run: preflight and preview. */
export function migrateSummary(result: MigrateResult): string[] {
  const lines: string[] = [];
  for (const s of result.sources) {
    for (const i of s.items) {
      const what = `${i.action}${i.strategy ? ` ${i.strategy}` : ''}`;
      if (i.outcome === 'planned') {
        if (i.why) lines.push(`${i.id}  ${what}  REFUSED: ${i.why.replace(/^refused: /, '')}`);
        else if (i.statement) lines.push(`${i.id}  ${what}  would run: ${i.statement}`);
        else lines.push(`${i.id}  ${what}  ${i.pending !== undefined ? `would change ${i.pending} row(s)` : 'would run its statements (see the SQL)'}`);
        for (const n of i.preflight?.notes ?? []) lines.push(`    preflight: ${n}`);
        if (i.preflight?.key && !i.why) lines.push(`    preflight: batches by ${i.preflight.key.columns.join(', ')}`);
        for (const e of i.preview?.examples ?? []) lines.push(`    e.g. ${e.before} → ${e.after}`);
        if (i.preview?.untouched) lines.push(`    stays: ${i.preview.untouched}`);
        const u = i.preview?.unvalidated;
        if (u) {
          const shapes = u.shapes.map((x) => `${x.rows} like ${x.shape}`).join(', ');
          lines.push(
            u.changed
              ? `    of them ${u.rows} hold no value that validates as ${u.categories.join('/')} (${shapes}); values: all masks them too (set values: validated to leave them)`
              : `    stays: ${u.rows} row(s) holding no value that validates as ${u.categories.join('/')} (${shapes}); set values: all to mask them too`,
          );
        }
      } else if (i.outcome === 'done' || (i.outcome === 'failed' && i.verify)) {
        const v = i.verify;
        const verdict = v ? (v.problems.length ? `VERIFY FAILED: ${v.problems.join('; ')}` : `verified${v.checkedWith.length ? ` (${v.checkedWith.join(', ')})` : ''}`) : 'done';
        const notes = v && v.notes.length > 0 ? `; ${v.notes.join('; ')}` : '';
        const rows = i.changed !== undefined ? `changed ${i.changed} row(s), skipped ${i.skippedRows ?? 0}, in ${i.batches} batch(es), longest ${i.longestBatchMs} ms; ` : '';
        lines.push(`${i.id}  ${what}  ${i.outcome}: ${rows}${verdict}${notes}${i.resumed ? ' (resumed)' : ''}`);
      } else if (i.outcome === 'failed') lines.push(`${i.id}  ${what}  failed: ${i.why}${i.changed !== undefined ? ` (changed ${i.changed} row(s) before)` : ''}`);
      else if (i.outcome === 'not-started') lines.push(`${i.id}  ${what}  not started: ${i.why}`);
      else lines.push(`${i.id}  ${what}  nothing to do: ${i.why}`);
    }
  }
  for (const s of result.skipped) lines.push(`${s.id}  skipped: ${s.why}`);
  // One line per item, whatever its names hold: a newline in a column name cannot forge a "verified" line.
  return lines.map(safeText);
}

export async function runMigrate(file: string, opts: MigrateCliOptions, ctx: CliContext): Promise<CommandResult> {
  const plan = await readPlan(file);
  const stewards = await loadStewards(opts.stewards, file, ctx.cwd);
  const policy = await loadPolicy(opts.policy ?? DEFAULT_POLICY_PATH);
  const urls = resolveUrls(plan, opts, ctx);
  // Revocation items are re-judged against the live grants before they run.
  const accessPolicy = plan.items.some((i) => i.revoke) ? await loadAccessPolicy(opts.accessPolicy ?? DEFAULT_ACCESS_POLICY_PATH) : undefined;
  const log = ctx.logger(opts.quiet ? 'quiet' : 'info');
  const showBar = opts.apply && opts.progress !== false && !opts.quiet && !!ctx.stderr.isTTY && !ctx.env['CI'];
  const bar = showBar
    ? new cliProgress.SingleBar({ stream: rawSink(ctx.stderr) as NodeJS.WritableStream, format: ' {item} [{bar}] {value}/{total} rows', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
    : undefined;
  let result: MigrateResult;
  try {
    result = await migrate({
      plan,
      planFile: file,
      urls,
      stewards,
      apply: !!opts.apply,
      batchSize: opts.batchSize ?? DEFAULT_BATCH_SIZE,
      allowDrop: !!opts.allowDrop,
      requireAll: !!opts.requireAll,
      saltEnv: policy.hash_salt_env,
      ...(accessPolicy ? { accessPolicy } : {}),
      env: ctx.env,
      logger: log,
      ...(opts.apply ? { journal: opts.journal ?? journalPath(file) } : {}),
      ...(bar
        ? {
            onItemStart: (item: string, pending: number) => {
              bar.stop();
              bar.start(Math.max(pending, 1), 0, { item: safeText(item.length > 40 ? '…' + item.slice(-39) : item) });
            },
            onBatch: (e: { totalChanged: number }) => bar.update(e.totalChanged),
          }
        : {}),
    });
  } finally {
    bar?.stop();
  }
  const script = result.sources.map((s) => s.script).join('\n');
  const lines = migrateSummary(result).map((l) => l + '\n').join('');
  const output: CommandOutput[] = [];
  if (opts.out) output.push({ text: script, file: opts.out });
  // --apply: every item's state is the data (stdout); a dry run's data is the SQL, its states go to stderr.
  if (opts.apply) output.push({ text: lines });
  else if (!opts.out) output.push({ text: script });
  let summary = !opts.apply && !opts.quiet ? lines : '';
  const all = result.sources.flatMap((s) => s.items);
  const count = (o: string) => all.filter((i) => i.outcome === o).length;
  if (!opts.quiet) {
    const refused = all.filter((i) => i.outcome === 'planned' && i.why).length;
    summary += opts.apply
      ? `Applied: ${count('done')} done, ${count('failed')} failed, ${count('not-started')} not started, ${result.skipped.length} not approved.${result.verified ? ' Verified.' : ' NOT verified: see the failed items; run again to resume.'}\n`
      : `Dry run: ${all.length - refused} approved item(s) would run, ${refused} refused by the preflight, ${result.skipped.length} not approved${opts.out ? `; SQL written to ${opts.out}` : ''}. Run again with --apply to execute.\n`;
  }
  // 0: every approved item done (dry run: the plan is shown); 2: something failed or was refused.
  return { code: opts.apply && !result.verified ? 2 : 0, output, summary };
}

