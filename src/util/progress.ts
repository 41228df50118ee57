/**
 * A progress bar for long scans on stderr: tables done / total, rows sampled, errors.
 * Shown only when stderr is a terminal and CI is not set; otherwise every call is a no-op.
 * Events carry counts and names only, never a sampled value.
 */
import cliProgress from 'cli-progress';
import type { ScanProgress } from '../scan/options.js';
import { rawSink } from './text.js';

/** What the progress bar needs from a CLI context. */
export interface ProgressHost {
  readonly stderr: { write(chunk: string): unknown; isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

export interface Progress {
  /** Feeds one scan progress event. */
  tick(event: ScanProgress): void;
  /** Stops the bar and restores the cursor; safe to call twice. */
  stop(): void;
  /** Whether a bar is actually drawn. */
  readonly active: boolean;
}

/** Running totals a bar shows; exported for tests and for a final summary line. */
export interface ProgressCounts {
  total: number;
  done: number;
  rows: number;
  errors: number;
}

/** Applies one event to the counts (pure apart from mutating `counts`). */
export function applyProgress(counts: ProgressCounts, event: ScanProgress, fixedTotal: number): void {
  if (event.kind === 'source-start') {
    if (fixedTotal <= 0) counts.total += event.tables;
  } else if (event.kind === 'table-done') {
    counts.done += 1;
    counts.rows += event.rows;
    if (event.error) counts.errors += 1;
    if (counts.done > counts.total) counts.total = counts.done;
  }
}

/** Whether a bar should be drawn for this host. */
export function progressEnabled(host: ProgressHost): boolean {
  const ci = host.env['CI'];
  return host.stderr.isTTY === true && (ci === undefined || ci === '' || ci === 'false');
}

const NOOP: Progress = { tick() {}, stop() {}, active: false };

/** Creates a progress bar for `total` tables (0: learnt from `source-start` events). */
export function createProgress(host: ProgressHost, total = 0): Progress {
  if (!progressEnabled(host)) return NOOP;
  const counts: ProgressCounts = { total: Math.max(0, total), done: 0, rows: 0, errors: 0 };
  const bar = new cliProgress.SingleBar(
    {
      // The bar draws with escape sequences: it writes under the output boundary (its text is its own).
      stream: rawSink(host.stderr) as unknown as NodeJS.WritableStream,
      format: 'scanning [{bar}] {value}/{total} tables | {rows} rows sampled | {errors} errors',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(counts.total, 0, { rows: 0, errors: 0 });
  let stopped = false;
  return {
    active: true,
    tick(event) {
      if (stopped) return;
      applyProgress(counts, event, total);
      bar.setTotal(counts.total);
      bar.update(counts.done, { rows: counts.rows.toLocaleString('en-US'), errors: counts.errors });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
