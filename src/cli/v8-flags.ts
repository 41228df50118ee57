/**
 * The V8 flags of the CLI's own process, set by its entry point (main.ts) before any work, and by
 * the bench's demo child, which measures the CLI as a user runs it. Process-wide, so never set by
 * the library: a program embedding minim keeps V8's defaults.
 */
import { setFlagsFromString } from 'node:v8';

export const CLI_V8_FLAGS: readonly string[] = [
  // A CLI run lasts seconds: V8's baseline WebAssembly compiler alone (no background TurboFan
  // recompile of the embedded PostgreSQL's 9 MB module) costs less CPU and memory than it gives back
  // (connectors/pglite/pglite-start.ts has the measurement).
  '--liftoff-only',
  // A scan's old space is mostly sampled values promoted on their way to the classifier, dead soon
  // after; with V8's default growing factor (up to 4x what survived the last full GC) a 10,000-table
  // scan let that garbage reach ~200 MB before collecting it (peak RSS 340-370 MB). Growing the heap
  // by half of what is live instead keeps the CLI at ~240 MB, no slower (docs/bench.md, pg-lb / pg-10k).
  '--heap-growing-percent=50',
];

/** Sets CLI_V8_FLAGS on this process. */
export function applyCliV8Flags(): void {
  for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);
}
