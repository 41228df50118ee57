#!/usr/bin/env node
/** The entry point: the only place that sets the process's exit code. */
import { setFlagsFromString } from 'node:v8';
import { processContext, errorLine } from './context.js';
import { runCli } from './program.js';

// A CLI run lasts seconds: V8's baseline WebAssembly compiler alone (no background TurboFan
// recompile of the embedded PostgreSQL's 9 MB module) costs less CPU and memory than it gives back
// (connectors/pglite/pglite-start.ts has the measurement). Process-wide, so set here and not in the
// library, which keeps V8's defaults for programs that embed minim.
setFlagsFromString('--liftoff-only');

const ctx = processContext();
runCli(process.argv.slice(2), ctx).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(errorLine(e) + '\n');
    process.exitCode = 2;
  },
);
