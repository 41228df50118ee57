/** `minim access SOURCE`: who can read each column holding a sensitive category, and how. */
import { openConnector, DEFAULT_CONNECTOR_OPTIONS } from '../../../connectors/index.js';
import { DEFAULT_ACCESS_POLICY_PATH, loadAccessPolicy } from '../../access/policy.js';
import { ACCESS_REPORTERS, type AccessFormat } from '../../report/reporters.js';
import { DEFAULT_MAX_READERS, reviewSource } from '../../access/review.js';
import { selectScanSource } from '../../access/select-source.js';
import { sourceFromArg } from '../../config.js';
import { ERROR_CODES, MinimError, type ErrorCode } from '../../errors.js';
import { readScanFile } from '../../report/read-input.js';
import { scan } from '../../scan/index.js';
import type { ScanResult } from '../../types.js';
import { createProgress } from '../../util/progress.js';
import type { CliContext, CommandResult } from '../context.js';
import type { AccessReview } from '../../access/types.js';
import { historySettings, openHistory } from '../../history/open.js';
import { safeText } from '../../util/text.js';

interface AccessOptions {
  scan?: string;
  format?: AccessFormat;
  accessPolicy?: string;
  maxReaders?: number;
  out?: string;
  failOnFlags?: boolean;
  quiet?: boolean;
  history?: string | boolean;
}

/** Scans SOURCE (or reads --scan), reads the grants, renders the review; exit 1 with --fail-on-flags when flagged. */
export async function runAccess(source: string, opts: AccessOptions, ctx: CliContext): Promise<CommandResult> {
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
  const stored = opts.history ? await recordReaders(result, name, review, opts, ctx) : '';
  const format: AccessFormat = opts.format ?? (ctx.stdout.isTTY ? 'table' : 'json');
  const text = ACCESS_REPORTERS[format].render(review, {});
  return {
    code: opts.failOnFlags && review.columns.some((c) => c.flags.length > 0) ? 1 : 0,
    output: { text, ...(opts.out ? { file: opts.out } : {}) },
    ...((opts.out && !opts.quiet) || stored ? { summary: stored + (opts.out && !opts.quiet ? `Wrote ${opts.out}.\n` : '') } : {}),
  };
}

/** `--history [URL]`: the readers of each sensitive column (names and verdicts, never data) with the scan's run. */
async function recordReaders(result: ScanResult, name: string, review: AccessReview, opts: AccessOptions, ctx: CliContext): Promise<string> {
  const settings = historySettings(opts.history, undefined, undefined, ctx.cwd, ctx.env);
  const store = await openHistory(settings);
  try {
    const id = await store.recordAccess(result, name, review, new Date(), review.policy);
    if (id === undefined) throw new MinimError('USAGE', `access: the scan could not read source ${name}; nothing stored in the history`, { subject: name });
    const pruned = await store.prune(settings.keep);
    return opts.quiet ? '' : safeText(`Stored the readers of ${review.columns.length} column(s) with run ${id} in ${store.where}${pruned ? `; pruned ${pruned} older run(s)` : ''}.`) + '\n';
  } finally {
    await store.close();
  }
}
