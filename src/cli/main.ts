#!/usr/bin/env node
/** The entry point: the only place that sets the process's exit code. */
import { processContext, errorLine } from './context.js';
import { runCli } from './program.js';

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
