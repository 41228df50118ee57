/**
 * Classification off the thread that drives the connections: a small pool of worker threads, each
 * with the rules loaded once, fed through a bounded queue. The scan hands a table over as soon as
 * its sample arrives and goes back to sampling; `submit` waits only while `capacity` tables are
 * already queued or being classified, so memory stays flat however many tables there are.
 *
 * The verdict is the one `classifyTable` gives in-thread (same inputs, same rules, same clock): the
 * worker runs the same function. A worker that fails to start or dies hands its tables back to the
 * calling thread, which classifies them itself; a scan never loses a table to the pool.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { classifyTable, type ColumnInput, type TableVerdict } from '../classify/index.js';
import type { Rules } from '../rules/load.js';
import { splitJoined } from '../../connectors/joined-values.js';
import { packageRoot } from '../util/paths.js';

/**
 * One table to classify, as posted to a worker. The sampled values travel packed (packSample): the
 * connector's joined texts as they came, or one string holding them all end to end and one
 * Int32Array of their lengths, instead of arrays of thousands of strings that structured clone
 * would serialise one by one on the thread driving the connections.
 */
export interface ClassifyJob {
  readonly id: number;
  readonly table: string;
  readonly sample: PackedSample;
  /** The scan's clock (ms since the epoch): dates are judged against the same instant everywhere. */
  readonly now: number;
}

/**
 * A sampled column's values as the scan holds them: an array, or the connector's one joined text of
 * `rows` values (connectors/joined-values.ts), split only where the table is classified; null when
 * the column was not sampled.
 */
export type SampledValues = readonly (string | null)[] | JoinedColumn | null;

/** A column's values as one joined text (null when the sample has no rows). */
export interface JoinedColumn {
  readonly joined: string | null;
  readonly rows: number;
}

/** A column as the scan hands it to a classifier: ColumnInput with its values in either form. */
export type SampledColumn = Omit<ColumnInput, 'values'> & { readonly values: SampledValues };

const isJoined = (v: SampledValues): v is JoinedColumn => v !== null && !Array.isArray(v);

/** The classifier's inputs: joined values split, arrays as they are. */
export function columnInputs(columns: readonly SampledColumn[]): ColumnInput[] {
  return columns.map((c) => {
    const v = c.values;
    return isJoined(v) ? { ...c, values: splitJoined(v.joined, v.rows) } : (c as ColumnInput);
  });
}

/** A table's classifier inputs, values packed: see packSample / unpackSample. */
export type PackedSample =
  | {
      /** Each column's name, type class and labels; `values` left out (they are in `text`). */
      readonly columns: ReadonlyArray<Omit<ColumnInput, 'values'>>;
      /** Every non-null value of every column, end to end, in column order. */
      readonly text: string;
      /**
       * Per column: its value count (-1: the column has no values), then each value's length in UTF-16
       * code units (-1: NULL).
       */
      readonly lengths: Int32Array<ArrayBuffer>;
    }
  | {
      readonly columns: ReadonlyArray<Omit<ColumnInput, 'values'>>;
      /** Per column its joined values as the connector read them, or (not sampled) undefined. */
      readonly joined: ReadonlyArray<JoinedColumn | undefined>;
    };

/**
 * Packs a table's inputs for a worker. Columns that came joined go as they are (one string each,
 * copied whole by the structured clone, nothing done per value here); arrays are joined ONCE into
 * one flat string plus one lengths array, instead of arrays of thousands of strings cloned one by
 * one on the thread driving the connections.
 */
export function packSample(columns: readonly SampledColumn[]): PackedSample {
  const bare = columns.map(({ values: _values, ...rest }) => rest);
  if (columns.every((c) => c.values === null || isJoined(c.values))) {
    return { columns: bare, joined: columns.map((c) => (c.values === null ? undefined : (c.values as JoinedColumn))) };
  }
  const inputs = columnInputs(columns);
  let size = inputs.length;
  let count = 0;
  for (const c of inputs) count += c.values?.length ?? 0;
  size += count;
  const lengths = new Int32Array(size);
  const flat = new Array<string | null>(count);
  let at = 0;
  let f = 0;
  for (const c of inputs) {
    const values = c.values;
    if (values === null) {
      lengths[at++] = -1;
      continue;
    }
    lengths[at++] = values.length;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      lengths[at++] = v === null ? -1 : v.length;
      flat[f++] = v;
    }
  }
  // join() writes null as '': its length -1 says it was NULL.
  return { columns: bare, text: flat.join(''), lengths };
}

/** The inputs a PackedSample was made from (the same values). */
export function unpackSample(sample: PackedSample): ColumnInput[] {
  if ('joined' in sample) return columnInputs(sample.columns.map((c, i) => ({ ...c, values: sample.joined[i] ?? null })));
  const { columns, text, lengths } = sample;
  let at = 0;
  let pos = 0;
  return columns.map((c) => {
    const count = lengths[at++]!;
    if (count < 0) return { ...c, values: null };
    const values = new Array<string | null>(count);
    for (let i = 0; i < count; i++) {
      const len = lengths[at++]!;
      if (len < 0) values[i] = null;
      else {
        values[i] = text.slice(pos, pos + len);
        pos += len;
      }
    }
    return { ...c, values };
  });
}

/** A worker's answer; `ms`: the time its thread spent classifying the table (unpacking included). */
export type ClassifyReply =
  | { readonly id: number; readonly verdict: TableVerdict; readonly ms: number }
  | { readonly id: number; readonly error: string; readonly ms: number };

/** `classifyTable` timed: its verdict, and the milliseconds it took added to `clock.ms`. */
export function timedClassify(clock: { ms: number }, classify: () => TableVerdict): TableVerdict {
  const t0 = performance.now();
  try {
    return classify();
  } finally {
    clock.ms += performance.now() - t0;
  }
}

export interface Classifier {
  /** Worker threads in use (0: classification runs in the calling thread). */
  readonly threads: number;
  /**
   * Milliseconds spent classifying so far, summed over the threads that did it (wall time of each
   * table's classification in its thread: on a busy machine it counts time the thread waited for a core).
   */
  readonly classifyMs: number;
  /**
   * Queues one table; resolves once it is accepted (at once in-thread, else when the bounded queue
   * has room). `verdict` settles when it is classified.
   */
  submit(table: string, columns: readonly SampledColumn[], now: Date): Promise<{ verdict: Promise<TableVerdict> }>;
  close(): Promise<void>;
}

/**
 * Classifies in the calling thread, pipelined: `submit` returns at once and the table is classified
 * on a later turn of the event loop, so the caller frees its connection slot and sends the next
 * sample statement BEFORE the CPU work starts (the database works while we classify). At most
 * `capacity` tables wait; `submit` waits beyond that.
 */
export function inThreadClassifier(rules: Rules, capacity = 8): Classifier {
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const clock = { ms: 0 };
  return {
    threads: 0,
    get classifyMs() {
      return clock.ms;
    },
    async submit(table, columns, now) {
      while (inFlight >= capacity) await new Promise<void>((r) => waiting.push(r));
      inFlight++;
      const verdict = new Promise<TableVerdict>((resolve, reject) => {
        setImmediate(() => {
          try {
            resolve(timedClassify(clock, () => classifyTable(table, columnInputs(columns), rules, now)));
          } catch (e) {
            reject(e);
          } finally {
            inFlight--;
            waiting.shift()?.();
          }
        });
      });
      return { verdict };
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Worker threads for a machine: none below 4 cores (the thread driving the connections, and on a
 * small machine the database itself, need the others), else one core left to the I/O thread and one
 * to the rest, at most 4. NOTE: re-measured on 2 cores (PostgreSQL, 2,000 tables x 15 columns x
 * 1,000 rows, shared machine, 3 interleaved runs): in-thread 30.8 s / 149 MB peak RSS, one worker
 * 47.0 s / 271 MB. A second isolate costs ~110 MB (its own heap, and the main thread's packed
 * samples wait in large-object space for a major GC), over the 250 MB cap at 2,000 tables, and
 * the extra thread competes with the database for the second core.
 */
export function defaultClassifyThreads(cores = availableParallelism()): number {
  return cores < 4 ? 0 : Math.min(4, cores - 2);
}

/** The compiled worker entry: beside this module when built; dist/ when running from source (tests). */
function workerEntry(): URL | null {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return new URL('./classify-worker.js', import.meta.url);
  const built = join(packageRoot(), 'dist', 'src', 'scan', 'classify-worker.js');
  return existsSync(built) ? pathToFileURL(built) : null;
}

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  alive: boolean;
}

/**
 * A table posted to a worker. It keeps the packed job only (one string, one lengths array), not the
 * inputs: the thousands of value strings die young on the thread driving the connections instead
 * of being held (and promoted to the old generation) until the worker answers.
 */
interface Pending {
  readonly job: ClassifyJob;
  resolve(v: TableVerdict): void;
  reject(e: unknown): void;
}

/**
 * A pool of `threads` workers with at most `perThread` tables queued on each. Returns the in-thread
 * classifier when no worker entry is available (source run without a build).
 */
export function workerClassifier(rules: Rules, rulesDirs: readonly string[], threads: number, perThread = 2): Classifier {
  const entry = workerEntry();
  if (!entry || threads < 1) return inThreadClassifier(rules);
  const capacity = threads * perThread;
  const slots: Slot[] = [];
  let nextId = 0;
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const clock = { ms: 0 };

  /** Classifies in this thread: the fallback for a job whose worker is gone. */
  const local = (p: Pending) => {
    try {
      p.resolve(timedClassify(clock, () => classifyTable(p.job.table, unpackSample(p.job.sample), rules, new Date(p.job.now))));
    } catch (e) {
      p.reject(e);
    }
  };
  const release = () => {
    inFlight--;
    waiting.shift()?.();
  };

  for (let i = 0; i < threads; i++) {
    const worker = new Worker(entry, { workerData: { rulesDirs: [...rulesDirs] } });
    const slot: Slot = { worker, pending: new Map(), alive: true };
    worker.on('message', (m: ClassifyReply | { ready: true }) => {
      if (!('id' in m)) return;
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      clock.ms += m.ms;
      if ('verdict' in m) p.resolve(m.verdict);
      else p.reject(new Error(`classification failed: ${m.error}`));
    });
    const fail = () => {
      if (!slot.alive) return;
      slot.alive = false;
      for (const p of slot.pending.values()) local(p);
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    slots.push(slot);
  }

  return {
    threads,
    get classifyMs() {
      return clock.ms;
    },
    async submit(table, columns, now) {
      while (inFlight >= capacity) await new Promise<void>((r) => waiting.push(r));
      inFlight++;
      const job: ClassifyJob = { id: nextId++, table, sample: packSample(columns), now: now.getTime() };
      const verdict = new Promise<TableVerdict>((resolve, reject) => {
        const p: Pending = { job, resolve, reject };
        let best: Slot | undefined;
        for (const s of slots) if (s.alive && (!best || s.pending.size < best.pending.size)) best = s;
        if (!best) return local(p);
        best.pending.set(job.id, p);
        try {
          // The lengths are copied (a few kB), not transferred: the job stays whole here, for the
          // fallback should the worker die before it answers.
          best.worker.postMessage(job);
        } catch {
          best.pending.delete(job.id);
          local(p);
        }
      });
      verdict.then(release, release);
      return { verdict };
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
    },
  };
}
