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
// NOTE: a scan's old space is mostly sampled values promoted on their way to the classifier, dead
// soon after; with V8's default growing factor (up to 4x what survived the last full GC) a
// 10,000-table scan let that garbage reach ~200 MB before collecting it (peak RSS 340-370 MB).
// Growing the heap by half of what is live instead keeps the CLI at ~240 MB, no slower
// (A/B in the commit; docs/bench.md, pg-lb / pg-10k).
setFlagsFromString('--heap-growing-percent=50');

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
