/** `minim label SOURCE --scan scan.json`: labels where each engine keeps them; SQL to review, or --apply. */
import { openConnector, DEFAULT_CONNECTOR_OPTIONS } from '../../../connectors/index.js';
import { selectScanSource } from '../../access/select-source.js';
import { sourceFromArg } from '../../config.js';
import { applyLabels, labelScript, labelTargets, planLabels } from '../../label/label.js';
import { readScanFile } from '../../report/read-input.js';
import { writeOutput, type CliContext, type CommandOutput, type CommandResult } from '../context.js';
import { safeText } from '../../util/text.js';

interface LabelOptions {
  scan: string;
  apply?: boolean;
  out?: string;
  quiet?: boolean;
}

export async function runLabel(source: string, opts: LabelOptions, ctx: CliContext): Promise<CommandResult> {
  const spec = sourceFromArg(source, 0);
  const scan = await readScanFile(opts.scan);
  const name = selectScanSource(scan, spec, opts.scan);
  const connector = await openConnector(spec.url, { ...DEFAULT_CONNECTOR_OPTIONS, name });
  try {
    const statements = await planLabels(connector, labelTargets(scan, name));
    const script = labelScript(name, connector.dialect, statements);
    const output: CommandOutput = { text: script, ...(opts.out ? { file: opts.out } : {}) };
    if (opts.apply) {
      // The script is written before anything is applied, so it is there to read should --apply fail.
      if (opts.out) await writeOutput(ctx, output);
      const n = await applyLabels(connector, statements);
      return { code: 0, ...(opts.quiet ? {} : { summary: safeText(`Labelled ${n} column(s) in ${name}; ${statements.length - n} unchanged.`) + '\n' }) };
    }
    return {
      code: 0,
      output,
      ...(opts.quiet ? {} : { summary: `${statements.filter((s) => !s.skip).length} statement(s) to review${opts.out ? ` in ${opts.out}` : ''}; run again with --apply to write them.\n` }),
    };
  } finally {
    await connector.close();
  }
}
