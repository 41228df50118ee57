import { Command, CommanderError } from 'commander';
import type { CliContext } from './context.js';
import { setFollowSymlinks } from '../util/atomic.js';
import { register as registerScan } from './commands/scan.js';
import { register as registerAccess } from './commands/access.js';
import { register as registerCheck } from './commands/check.js';
import { register as registerReport } from './commands/report.js';
import { register as registerLabel } from './commands/label.js';
import { register as registerPlan } from './commands/plan.js';
import { register as registerApprove } from './commands/approve.js';
import { register as registerReject } from './commands/reject.js';
import { register as registerReview } from './commands/review.js';
import { register as registerMigrate } from './commands/migrate.js';
// issue 11: signed approvals (src/approvals)
import { register as registerSteward } from './commands/steward.js';
import { register as registerVerify } from './commands/verify.js';

// issue 7: minim merge (src/merge)
import { register as registerMerge } from './commands/merge.js';
// issue 14: scan history and drift
import { register as registerHistory } from './commands/history.js';
import { register as registerDiff } from './commands/diff.js';
import { register as registerIgnore } from './commands/ignore.js';
/** Every command module exports `register(program, ctx)`; add new commands here. */
const COMMANDS: Array<(program: Command, ctx: CliContext) => void> = [registerScan];
COMMANDS.push(registerMerge);
COMMANDS.push(registerAccess, registerCheck, registerReport, registerLabel);
COMMANDS.push(registerPlan, registerApprove, registerReject, registerReview, registerMigrate);
COMMANDS.push(registerSteward, registerVerify);
COMMANDS.push(registerHistory, registerDiff, registerIgnore);

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('minim')
    .description('Find personal data in databases and turn it into a data-minimization plan.')
    .version('0.1.0')
    .showHelpAfterError('(run minim --help for usage)')
    .configureOutput({
      writeOut: (s) => void ctx.stdout.write(s),
      writeErr: (s) => void ctx.stderr.write(s),
    })
    .exitOverride()
    // Every command that writes a file (--out, plan files): an output path that is a symbolic link
    // out of its directory is refused unless this is given (src/util/atomic.ts).
    .option('--follow-symlinks', 'let an output path that is a symbolic link lead out of its directory')
    .hook('preAction', (_program, command) => setFollowSymlinks(command.optsWithGlobals()['followSymlinks'] === true));
  for (const register of COMMANDS) register(program, ctx);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; usage errors exit 2 (commander already printed them).
      return e.exitCode === 0 ? 0 : 2;
    }
    throw e;
  } finally {
    setFollowSymlinks(false);
  }
  return ctx.exitCode;
}
