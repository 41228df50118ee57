/** `minim access SOURCE`: who can read each column holding a sensitive category, and how. */
import { Command, Option } from 'commander';
import { openConnector, DEFAULT_CONNECTOR_OPTIONS } from '../../../connectors/index.js';
import { DEFAULT_ACCESS_POLICY_PATH, loadAccessPolicy } from '../../access/policy.js';
import { renderAccessJson, renderAccessTable, renderAccessVerdictsHtml, renderAccessVerdictsMarkdown } from '../../access/render.js';
import { DEFAULT_MAX_READERS, reviewSource } from '../../access/review.js';
import { selectScanSource } from '../../access/select-source.js';
import { sourceFromArg } from '../../config.js';
import { ERROR_CODES, MinimError, type ErrorCode } from '../../errors.js';
import { readScanFile } from '../../report/read-input.js';
import { scan } from '../../scan/index.js';
import type { ScanResult } from '../../types.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { createProgress } from '../../util/progress.js';
import { action, type CliContext } from '../context.js';
import type { AccessReview } from '../../access/types.js';
import { historySettings, openHistory } from '../../history/open.js';
import { safeText } from '../../util/text.js';

interface AccessOptions {
  scan?: string;
  format?: 'table' | 'json' | 'markdown' | 'html';
  accessPolicy?: string;
  maxReaders?: number;
  out?: string;
  failOnFlags?: boolean;
  quiet?: boolean;
  history?: string | boolean;
}

const count = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new MinimError('USAGE', `--max-readers takes a whole number ≥ 0, not "${v}"`);
  return n;
};

/** Scans SOURCE (or reads --scan), reads the grants, renders the review; exit 1 with --fail-on-flags when flagged. */
export async function runAccess(source: string, opts: AccessOptions, ctx: CliContext): Promise<number> {
  const spec = sourceFromArg(source, 0);
  // Read first: a bad policy file is one clear line before any database is touched.
  const policyPath = opts.accessPolicy ?? DEFAULT_ACCESS_POLICY_PATH;
  const policy = await loadAccessPolicy(policyPath);
  let result: ScanResult;
  let name = spec.name;
  if (opts.scan) {
    result = await readScanFile(opts.scan);
    name = selectScanSource(result, spec, opts.scan);
  } else {
    const progress = opts.quiet ? undefined : createProgress(ctx);
    try {
      result = await scan({ sources: [spec], logger: ctx.logger(opts.quiet ? 'quiet' : 'info'), ...(progress?.active ? { onProgress: (e) => progress.tick(e) } : {}) });
    } finally {
      progress?.stop();
    }
    const failed = result.errors.find((e) => e.table === undefined);
    if (failed) {
      const code = (ERROR_CODES as readonly string[]).includes(failed.code) ? (failed.code as ErrorCode) : 'CONNECT_FAILED';
      throw new MinimError(code, failed.message, { subject: name });
    }
  }
  const connector = await openConnector(spec.url, { ...DEFAULT_CONNECTOR_OPTIONS, name });
  let review;
  try {
    review = await reviewSource(result, name, connector.dialect, connector, {
      maxReaders: opts.maxReaders ?? DEFAULT_MAX_READERS,
      policy,
      policyPath: opts.accessPolicy ?? 'rules/access-policy.yaml (built in)',
    });
  } finally {
    await connector.close();
  }
  if (opts.history) await recordReaders(result, name, review, opts, ctx);
  const format = opts.format ?? (ctx.stdout.isTTY ? 'table' : 'json');
  const text =
    format === 'json' ? renderAccessJson(review)
    : format === 'markdown' ? renderAccessVerdictsMarkdown(review) || 'No column of a category the access policy judges.\n'
    : format === 'html' ? renderAccessVerdictsHtml(review)
    : renderAccessTable(review);
  if (opts.out) {
    await writeFileAtomic(opts.out, text);
    if (!opts.quiet) ctx.stderr.write(`Wrote ${opts.out}.\n`);
  } else ctx.stdout.write(text);
  return opts.failOnFlags && review.columns.some((c) => c.flags.length > 0) ? 1 : 0;
}

/** `--history [URL]`: the readers of each sensitive column (names and verdicts, never data) with the scan's run. */
async function recordReaders(result: ScanResult, name: string, review: AccessReview, opts: AccessOptions, ctx: CliContext): Promise<void> {
  const settings = historySettings(opts.history, undefined, undefined, ctx.cwd, ctx.env);
  const store = await openHistory(settings);
  try {
    const id = await store.recordAccess(result, name, review, new Date(), review.policy);
    if (id === undefined) throw new MinimError('USAGE', `access: the scan could not read source ${name}; nothing stored in the history`, { subject: name });
    const pruned = await store.prune(settings.keep);
    if (!opts.quiet) ctx.stderr.write(safeText(`Stored the readers of ${review.columns.length} column(s) with run ${id} in ${store.where}${pruned ? `; pruned ${pruned} older run(s)` : ''}.`) + '\n');
  } finally {
    await store.close();
  }
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('access')
    .description('who (roles, users, PUBLIC) can read each column holding a sensitive category, and how')
    .argument('<source>', 'connection URL (postgres://, mysql://, mssql://, pglite:DIR), optionally NAME=URL')
    .option('--scan <file>', 'use this scan JSON instead of scanning SOURCE first')
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, json when piped)').choices(['table', 'json', 'markdown', 'html']))
    .option('--access-policy <file>', 'judge readers against this access policy (default: the built-in rules/access-policy.yaml)')
    .option('--max-readers <n>', `flag BROAD above this many readers of a restricted category (default ${DEFAULT_MAX_READERS})`, count)
    .option('-o, --out <file>', 'write the output to a file instead of stdout')
    .option('--fail-on-flags', 'exit 1 when any column is flagged PUBLIC or BROAD')
    .option('--history [url]', 'store who can read each column (names and verdicts, never data) with the scan’s run, for minim diff and check --access-history: postgres://… or pglite:DIR (default: ./minim.config.yaml’s history.url, else the embedded store)')
    .option('-q, --quiet', 'no progress or summary on stderr')
    .action(action(ctx, (source: string, opts: AccessOptions) => runAccess(source, opts, ctx)));
}
