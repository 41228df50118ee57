/**
 * The apply journal: one NDJSON file next to the plan (`PLAN.journal.ndjson`), append-only, each
 * record fsync'd before the run goes on. It records each item's progress (the last key done, rows
 * changed and skipped, its state), so an interrupted or failed apply resumes where it stopped and
 * ends in the same state as a clean run. Never holds a value, only keys' positions and counts.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';

export type ItemState = 'running' | 'done' | 'failed';

export interface JournalEntry {
  readonly at: string;
  readonly item: string;
  /** The item's digest: progress of an item since changed is not resumed. */
  readonly digest: string;
  readonly state: ItemState;
  /** The last key done (as text), null before the first batch. */
  readonly lastKey: readonly string[] | null;
  readonly changed: number;
  readonly skipped: number;
  readonly reason?: string;
}

/** The journal file for a plan file. */
export const journalPath = (planFile: string) => `${planFile}.journal.ndjson`;

export class Journal {
  readonly #fd: number;
  readonly #last = new Map<string, JournalEntry>();

  private constructor(readonly path: string) {
    let torn = false;
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      torn = text.length > 0 && !text.endsWith('\n');
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          const e = JSON.parse(line) as JournalEntry;
          if (typeof e.item === 'string') this.#last.set(e.item, e);
        } catch {
          // A torn last line (killed mid-write) is ignored: the entry before it stands.
        }
      }
    }
    this.#fd = openSync(path, 'a');
    // A torn last line gets its newline, so the next entry starts a line of its own.
    if (torn) writeSync(this.#fd, '\n');
  }

  /** Opens (creating) the journal at `path`. */
  static open(path: string): Journal {
    return new Journal(path);
  }

  /** The latest entry for an item with this digest, if any. */
  last(item: string, digest: string): JournalEntry | undefined {
    const e = this.#last.get(item);
    return e && e.digest === digest ? e : undefined;
  }

  /** Appends one entry and fsyncs it. */
  record(entry: Omit<JournalEntry, 'at'>): void {
    const e: JournalEntry = { at: new Date().toISOString(), ...entry };
    writeSync(this.#fd, JSON.stringify(e) + '\n');
    fsyncSync(this.#fd);
    this.#last.set(e.item, e);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
