/** `minim label SOURCE --scan scan.json`: labels where each engine keeps them; SQL to review, or --apply. */
import { Command } from 'commander';
import { openConnector, DEFAULT_CONNECTOR_OPTIONS } from '../../../connectors/index.js';
import { selectScanSource } from '../../access/select-source.js';
import { sourceFromArg } from '../../config.js';
import { applyLabels, labelScript, labelTargets, planLabels } from '../../label/label.js';
import { readScanFile } from '../../report/read-input.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { action, type CliContext } from '../context.js';
import { safeText } from '../../util/text.js';

interface LabelOptions {
  scan: string;
  apply?: boolean;
  out?: string;
  quiet?: boolean;
}

export async function runLabel(source: string, opts: LabelOptions, ctx: CliContext): Promise<number> {
  const spec = sourceFromArg(source, 0);
  const scan = await readScanFile(opts.scan);
  const name = selectScanSource(scan, spec, opts.scan);
  const connector = await openConnector(spec.url, { ...DEFAULT_CONNECTOR_OPTIONS, name });
  try {
    const statements = await planLabels(connector, labelTargets(scan, name));
    const script = labelScript(name, connector.dialect, statements);
    if (opts.out) await writeFileAtomic(opts.out, script);
    else if (!opts.apply) ctx.stdout.write(script);
    if (opts.apply) {
      const n = await applyLabels(connector, statements);
      if (!opts.quiet) ctx.stderr.write(safeText(`Labelled ${n} column(s) in ${name}; ${statements.length - n} unchanged.`) + '\n');
    } else if (!opts.quiet) {
      ctx.stderr.write(`${statements.filter((s) => !s.skip).length} statement(s) to review${opts.out ? ` in ${opts.out}` : ''}; run again with --apply to write them.\n`);
    }
  } finally {
    await connector.close();
  }
  return 0;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('label')
    .description('write each sensitive column’s categories as a label the engine keeps (comment, security label, sensitivity classification)')
    .argument('<source>', 'connection URL, optionally NAME=URL')
    .requiredOption('--scan <file>', 'the scan JSON whose findings to label')
    .option('--apply', 'execute the statements (default: print them for review)')
    .option('-o, --out <file>', 'write the SQL to a file')
    .option('-q, --quiet', 'no summary on stderr')
    .action(action(ctx, (source: string, opts: LabelOptions) => runLabel(source, opts, ctx)));
}
