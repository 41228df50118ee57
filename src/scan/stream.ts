/**
 * Streams a scan to an NDJSON file as each table finishes (`minim scan --out FILE.ndjson`), so an
 * interrupted scan keeps what it did, and `--resume` finishes it without rescanning finished tables.
 * Each line goes to the file with one `write(2)` on a file opened for appending: nothing is held in
 * the process, so a crash loses at most the line being written (ignored on resume).
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { MinimError } from '../errors.js';
import { ndjsonToResult, parseNdjson, tableKey, type NdjsonLine } from '../merge/ndjson.js';
import type { ScanResult, ScanSource } from '../types.js';
import { resolveOutputTarget } from '../util/atomic.js';
import type { TableResult } from './options.js';

export interface ScanStreamOptions {
  /** Keep finished tables of an existing file and append the rest. */
  readonly resume?: boolean;
  /** The sources of this run (names, dialects, redacted URLs). */
  readonly sources: readonly ScanSource[];
  /** Keep `candidates` on columns (`--show-candidates`). */
  readonly showCandidates?: boolean;
  /** Write to this instead of a file (stdout); no resume. */
  readonly write?: (line: string) => void;
}

/** The hooks a scan takes, and `finish` to write the trailer and read back the whole inventory. */
export interface ScanStream {
  /** Tables finished without error by an earlier run (resume). */
  readonly finished: number;
  readonly skipTable: (source: string, schema: string, table: string) => boolean;
  readonly onTable: (outcome: TableResult) => void;
  /** Writes the trailer; returns the scan JSON the whole file stands for. */
  finish(result: ScanResult): ScanResult;
  /** Closes the file without a trailer (the run failed). */
  abort(): void;
}

/** Opens `path` (or a writer) for a streamed scan. */
export function openScanStream(path: string | null, options: ScanStreamOptions): ScanStream {
  const done = new Set<string>();
  const lines: NdjsonLine[] = [];
  let fd: number | null = null;
  let resumed = false;
  /** Writing through to a character device or FIFO: keep the lines, the file cannot be read back. */
  let through = false;
  if (path !== null) {
    const target = resolveOutputTarget(path);
    through = target.kind === 'stream';
    if (through && options.resume) {
      throw new MinimError('USAGE', `${path} is a device or FIFO; --resume needs a regular .ndjson file to continue`, { subject: path });
    }
    const given = path;
    path = target.path;
    try {
      if (through) {
        fd = openSync(path, 'w');
      } else if (options.resume && existsSync(path)) {
        const parsed = parseNdjson(readFileSync(path, 'utf8'), path);
        resumed = true;
        for (const t of parsed.tables) if (t.error === null) done.add(tableKey(t.source, t.schema, t.table));
        fd = openSync(path, 'r+');
        // A line cut short by a crash is dropped so the next one starts on a line of its own.
        ftruncateSync(fd, parsed.validBytes);
        closeSync(fd);
        fd = openSync(path, 'a', 0o640);
      } else {
        fd = openSync(path, 'w', 0o640);
      }
    } catch (e) {
      if (e instanceof MinimError) throw e;
      throw new MinimError('FILE_INVALID', `${given}: cannot open the file for writing; check the directory exists and is writable`, { cause: e, subject: given });
    }
  } else if (!options.write) {
    throw new MinimError('USAGE', 'a streamed scan needs a file or a writer');
  }
  const put = (line: NdjsonLine) => {
    const text = JSON.stringify(line) + '\n';
    if (fd !== null) writeSync(fd, text);
    else options.write!(text);
    if (fd === null || through) lines.push(line);
  };
  const scannedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  put({ type: 'scan', version: 1, scannedAt, sources: [...options.sources], ...(resumed ? { resumed: true } : {}) });
  return {
    finished: done.size,
    skipTable: (source, schema, table) => done.has(tableKey(source, schema, table)),
    onTable(outcome) {
      const columns = outcome.columns.map((c) => {
        if (options.showCandidates || c.candidates === undefined) return c;
        const { candidates: _, ...rest } = c;
        return rest;
      });
      put({ type: 'table', source: outcome.source, schema: outcome.schema, table: outcome.table, columns, error: outcome.error, risk: outcome.risk });
    },
    finish(result) {
      put({
        type: 'end',
        stats: result.stats ?? { tables: 0, columns: 0, queries: 0, valuesClassified: 0, durationMs: 0 },
        sources: result.sources.map(({ fingerprint: _, ...s }) => s),
        errors: result.errors.filter((e) => e.table === undefined),
      });
      if (fd === null || through) {
        if (fd !== null) closeSync(fd);
        fd = null;
        return ndjsonToResult({ complete: true, validBytes: 0, ...split(lines) });
      }
      fsyncSync(fd);
      closeSync(fd);
      fd = null;
      return ndjsonToResult(parseNdjson(readFileSync(path!, 'utf8'), path!));
    },
    abort() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

function split(lines: NdjsonLine[]) {
  return {
    headers: lines.flatMap((l) => (l.type === 'scan' ? [l] : [])),
    tables: lines.flatMap((l) => (l.type === 'table' ? [l] : [])),
    ends: lines.flatMap((l) => (l.type === 'end' ? [l] : [])),
  };
}

/** A whole scan result as NDJSON (header, one line per table, trailer): `--format ndjson` of a finished result. */
export function renderNdjson(result: ScanResult): string {
  const lines: NdjsonLine[] = [
    { type: 'scan', version: 1, scannedAt: result.scannedAt, sources: result.sources.map(({ fingerprint: _, ...s }) => s) },
  ];
  const tables = new Map<string, TableResult & { columns: ScanResult['columns'] }>();
  // Errors and risks by table, looked up once per table (a search per table was quadratic).
  const errorOf = new Map<string, ScanResult['errors'][number]>();
  for (const e of result.errors) if (e.table !== undefined) errorOf.set(`${e.source}\0${e.table}`, errorOf.get(`${e.source}\0${e.table}`) ?? e);
  const riskOf = new Map<string, NonNullable<ScanResult['risks']>[number]>();
  for (const r of result.risks ?? []) {
    const key = tableKey(r.source, r.schema, r.table);
    if (!riskOf.has(key)) riskOf.set(key, r);
  }
  for (const c of result.columns) {
    const key = tableKey(c.source, c.schema, c.table);
    let t = tables.get(key);
    if (!t) {
      const error = errorOf.get(`${c.source}\0${c.schema}.${c.table}`) ?? null;
      const risk = riskOf.get(key) ?? null;
      t = { source: c.source, schema: c.schema, table: c.table, columns: [], error, risk };
      tables.set(key, t);
    }
    t.columns.push(c);
  }
  for (const t of tables.values()) lines.push({ type: 'table', ...t, columns: [...t.columns] });
  lines.push({
    type: 'end',
    stats: result.stats ?? { tables: tables.size, columns: result.columns.length, queries: 0, valuesClassified: 0, durationMs: 0 },
    sources: result.sources.map(({ fingerprint: _, ...s }) => s),
    errors: result.errors.filter((e) => e.table === undefined),
  });
  return lines.map((l) => JSON.stringify(l) + '\n').join('');
}
