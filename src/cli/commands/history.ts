/** `minim history`: the scans stored with `minim scan --history`, newest first. */
import { historySettings, openHistory } from '../../history/open.js';
import { renderRuns, type HistoryFormat } from '../../history/render.js';
import type { CliContext, CommandResult } from '../context.js';

interface HistoryOptions {
  history?: string;
  config?: string;
  source?: string;
  format?: HistoryFormat;
  keep?: number;
  prune?: boolean;
}

export async function runHistory(opts: HistoryOptions, ctx: CliContext): Promise<CommandResult> {
  const settings = historySettings(opts.history ?? true, opts.keep, opts.config, ctx.cwd, ctx.env);
  const store = await openHistory(settings);
  try {
    if (opts.prune) {
      const n = await store.prune(settings.keep);
      ctx.stderr.write(`Pruned ${n} run(s); keeping the newest ${settings.keep} per source.\n`);
    }
    return { code: 0, output: { text: renderRuns(await store.runs(opts.source), opts.format ?? 'table', store.where) } };
  } finally {
    await store.close();
  }
}

