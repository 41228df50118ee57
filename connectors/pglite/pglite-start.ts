/**
 * How minim starts PGlite (an embedded PostgreSQL compiled to WebAssembly) for a scan, an access
 * review or the history store: PGlite's own start parameters plus a smaller buffer pool. (V8's
 * baseline-only WebAssembly compiler, measured with it below, is the CLI's choice for its short
 * runs and is set in src/cli/main.ts: a library embedding minim keeps V8's defaults.)
 *
 * Measured on the demo city (`minim scan` warm, 34 tables, 2 loaded cores, same process layout):
 * CPU 5.5 s → 3.5 s and peak RSS 437 MB → 214 MB with both settings.
 * - `shared_buffers`: initdb writes PostgreSQL's default 128 MB into postgresql.conf, and PGlite
 *   allocates and clears it in its WebAssembly memory at every start. Its reads go through the OS
 *   page cache (Node's file system) anyway, so a big pool mostly duplicates that cache: 16 MB
 *   starts faster and holds ~130 MB less resident memory, and the scan itself got no slower.
 * - Liftoff only: by default V8 compiles PGlite's 9 MB module with its baseline compiler and then
 *   recompiles the hot functions with TurboFan on background threads, which for a run of a few
 *   seconds costs more CPU (and ~90 MB) than the faster code gives back. The flag only applies to
 *   WebAssembly compiled after it is set; JavaScript is untouched. It is process-wide, so only the
 *   CLI's own process sets it.
 */
import type { PGliteOptions } from '@electric-sql/pglite';

/** PGlite's buffer pool (PostgreSQL's `shared_buffers`). */
export const PGLITE_SHARED_BUFFERS = '16MB';

/** The options to create a PGlite instance with. */
export function pgliteStartOptions(defaultStartParams: readonly string[]): PGliteOptions {
  return { startParams: [...defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`] };
}
