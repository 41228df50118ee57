/** `minim merge FILE…`: combine shard scans (JSON or streamed NDJSON) into one scan JSON. */
import type { CliContext, CommandResult } from '../context.js';
import { mergeResults, readScanInput } from '../../merge/index.js';
import { summaryLine } from '../../report/table.js';

export interface MergeCliOptions {
  out?: string;
  quiet?: boolean;
}

export async function runMerge(files: string[], opts: MergeCliOptions, _ctx: CliContext): Promise<CommandResult> {
  const inputs = [];
  for (const path of files) inputs.push({ path, result: await readScanInput(path) });
  const merged = mergeResults(inputs);
  const text = JSON.stringify(merged, null, 2) + '\n';
  return {
    code: 0,
    output: { text, ...(opts.out ? { file: opts.out } : {}) },
    ...(opts.quiet ? {} : { summary: `${summaryLine(merged)}${opts.out ? ` Wrote ${opts.out}.` : ''}\n` }),
  };
}
