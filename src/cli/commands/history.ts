/** `minim history`: the scans stored with `minim scan --history`, newest first. */
import { Command, Option } from 'commander';
import { historySettings, openHistory } from '../../history/open.js';
import { renderRuns, type HistoryFormat } from '../../history/render.js';
import { MinimError } from '../../errors.js';
import { action, type CliContext } from '../context.js';

interface HistoryOptions {
  history?: string;
  config?: string;
  source?: string;
  format?: HistoryFormat;
  keep?: number;
  prune?: boolean;
}

export async function runHistory(opts: HistoryOptions, ctx: CliContext): Promise<number> {
  const settings = historySettings(opts.history ?? true, opts.keep, opts.config, ctx.cwd, ctx.env);
  const store = await openHistory(settings);
  try {
    if (opts.prune) {
      const n = await store.prune(settings.keep);
      ctx.stderr.write(`Pruned ${n} run(s); keeping the newest ${settings.keep} per source.\n`);
    }
    ctx.stdout.write(renderRuns(await store.runs(opts.source), opts.format ?? 'table', store.where));
  } finally {
    await store.close();
  }
  return 0;
}

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new MinimError('USAGE', `--keep takes a whole number ≥ 1, not "${v}"`);
  return n;
};

export function register(program: Command, ctx: CliContext): void {
  program
    .command('history')
    .description('list the scans stored with minim scan --history (runs per source, newest first)')
    .option('--history <url>', 'the store: postgres://… or pglite:DIR (default: the config’s history.url, else the embedded store)')
    .option('-c, --config <file>', 'config file with a history section')
    .option('--source <name>', 'only this source’s runs')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('--prune', 'delete runs beyond the retention first (--keep, or the config’s history.keep, else 24 per source)')
    .option('--keep <n>', 'runs kept per source when pruning', positive)
    .action(action(ctx, (opts: HistoryOptions) => runHistory(opts, ctx)));
}
