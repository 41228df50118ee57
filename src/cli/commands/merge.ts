/** `minim merge FILE…`: combine shard scans (JSON or streamed NDJSON) into one scan JSON. */
import type { Command } from 'commander';
import { action, type CliContext } from '../context.js';
import { mergeResults, readScanInput } from '../../merge/index.js';
import { summaryLine } from '../../report/table.js';
import { writeFileAtomic } from '../../util/atomic.js';

export interface MergeCliOptions {
  out?: string;
  quiet?: boolean;
}

export async function runMerge(files: string[], opts: MergeCliOptions, ctx: CliContext): Promise<number> {
  const inputs = [];
  for (const path of files) inputs.push({ path, result: await readScanInput(path) });
  const merged = mergeResults(inputs);
  const text = JSON.stringify(merged, null, 2) + '\n';
  if (opts.out) await writeFileAtomic(opts.out, text);
  else ctx.stdout.write(text);
  if (!opts.quiet) ctx.stderr.write(`${summaryLine(merged)}${opts.out ? ` Wrote ${opts.out}.` : ''}\n`);
  return 0;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('merge')
    .description('combine scan files (JSON, or NDJSON from --out FILE.ndjson) into one scan JSON; e.g. the outputs of --shard jobs')
    .argument('<files...>', 'scan files, in the order their sources should appear')
    .option('-o, --out <file>', 'write the merged scan JSON to a file (atomically) instead of stdout')
    .option('-q, --quiet', 'no summary on stderr')
    .action(action(ctx, (files: string[], opts: MergeCliOptions) => runMerge(files, opts, ctx)));
}
