#!/usr/bin/env node
/** The entry point: the only place that sets the process's exit code. */
import { processContext, errorLine } from './context.js';
import { runCli } from './program.js';
import { applyCliV8Flags } from './v8-flags.js';

// Process-wide V8 flags for the CLI's own process (v8-flags.ts says why each).
applyCliV8Flags();

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
