/**
 * The streamed scan (`minim scan --out FILE.ndjson`): one JSON object a line — a `scan` header, a
 * `table` line per finished table, an `end` trailer — and its conversion to the scan JSON (v1).
 */
import { MinimError } from '../errors.js';
import { schemaFingerprint } from '../scan/fingerprint.js';
import type { ScanColumn, ScanError, ScanResult, ScanRisk, ScanSource, ScanStats } from '../types.js';

/** First line of a run (a resumed run appends another). */
export interface NdjsonHeader {
  type: 'scan';
  version: 1;
  scannedAt: string;
  sources: ScanSource[];
  resumed?: boolean;
}

/** One finished table. A later line for the same table replaces an earlier one. */
export interface NdjsonTable {
  type: 'table';
  source: string;
  schema: string;
  table: string;
  columns: ScanColumn[];
  error: ScanError | null;
  risk: ScanRisk | null;
}

/** Last line of a run that finished: its stats, the sources as scanned, source-level errors. */
export interface NdjsonEnd {
  type: 'end';
  stats: ScanStats;
  sources?: ScanSource[];
  errors?: ScanError[];
}

export type NdjsonLine = NdjsonHeader | NdjsonTable | NdjsonEnd;

/** What a streamed file holds. `complete` is false when the last run did not write its trailer. */
export interface ParsedNdjson {
  headers: NdjsonHeader[];
  tables: NdjsonTable[];
  ends: NdjsonEnd[];
  complete: boolean;
  /** Bytes of whole lines: everything after this is a line cut short by a crash. */
  validBytes: number;
}

/** Whether `text` looks like a streamed scan (its first line is a `scan` header). */
export function isNdjsonScan(text: string): boolean {
  const first = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')).trim();
  return /^\{\s*"type"\s*:\s*"scan"/.test(first);
}

/**
 * Parses a streamed scan. A last line without its newline (a crash mid-write) is ignored; a bad
 * line elsewhere is FILE_INVALID naming the line number (never its content).
 */
export function parseNdjson(text: string, path: string): ParsedNdjson {
  const out: ParsedNdjson = { headers: [], tables: [], ends: [], complete: false, validBytes: 0 };
  const hint = 'write one with minim scan --out FILE.ndjson';
  let pos = 0;
  let lineNo = 0;
  let last: NdjsonLine['type'] | undefined;
  // Bytes so far, counted a line at a time: measuring the whole prefix after each line (as this
  // once did) made reading quadratic in the file's length.
  let bytes = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break; // cut short: ignored, and overwritten on --resume
    lineNo += 1;
    const raw = text.slice(pos, nl);
    const line = raw.trim();
    pos = nl + 1;
    bytes += Buffer.byteLength(raw) + 1;
    if (line === '') {
      out.validBytes = bytes;
      continue;
    }
    let obj: Partial<NdjsonLine> | null;
    try {
      obj = JSON.parse(line) as Partial<NdjsonLine> | null;
    } catch (e) {
      throw new MinimError('FILE_INVALID', `scan ${path}: line ${lineNo} is not valid JSON; ${hint}`, { cause: e, subject: path });
    }
    if (obj?.type === 'scan' && obj.version === 1 && Array.isArray(obj.sources)) out.headers.push(obj as NdjsonHeader);
    else if (obj?.type === 'table' && typeof obj.source === 'string' && Array.isArray(obj.columns)) out.tables.push(obj as NdjsonTable);
    else if (obj?.type === 'end') out.ends.push(obj as NdjsonEnd);
    else throw new MinimError('FILE_INVALID', `scan ${path}: line ${lineNo} is not a scan, table or end line; ${hint}`, { subject: path });
    if (lineNo === 1 && obj.type !== 'scan') {
      throw new MinimError('FILE_INVALID', `scan ${path}: the first line is not a scan header; ${hint}`, { subject: path });
    }
    last = obj.type;
    out.validBytes = bytes;
  }
  if (out.headers.length === 0) throw new MinimError('FILE_INVALID', `scan ${path}: no scan header line; ${hint}`, { subject: path });
  out.complete = last === 'end';
  return out;
}

/** `source\0schema\0table`: the identity of a table line. */
export function tableKey(source: string, schema: string, table: string): string {
  return `${source}\0${schema}\0${table}`;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The scan JSON (v1) a streamed file stands for: sources in header order (the last run's details
 * win), the last line of each table, tables by source order, schema, table (code-point order),
 * columns in their streamed order; table errors from the lines, source errors from the last trailer;
 * stats summed over the runs' trailers (tables and columns counted from the lines).
 */
export function ndjsonToResult(parsed: ParsedNdjson): ScanResult {
  const sources = new Map<string, ScanSource>();
  for (const h of parsed.headers) for (const s of h.sources) sources.set(s.name, { ...sources.get(s.name), ...s });
  for (const e of parsed.ends) for (const s of e.sources ?? []) sources.set(s.name, { ...sources.get(s.name), ...s });
  const byTable = new Map<string, NdjsonTable>();
  for (const t of parsed.tables) {
    if (!sources.has(t.source)) sources.set(t.source, { name: t.source, dialect: 'postgres' });
    byTable.set(tableKey(t.source, t.schema, t.table), t);
  }
  const order = new Map([...sources.keys()].map((n, i) => [n, i]));
  const tables = [...byTable.values()].sort(
    (a, b) => order.get(a.source)! - order.get(b.source)! || cmp(a.schema, b.schema) || cmp(a.table, b.table),
  );
  const columns = tables.flatMap((t) => t.columns);
  const lastEnd = parsed.ends[parsed.ends.length - 1];
  const errors: ScanError[] = [...(lastEnd?.errors ?? []).filter((e) => e.table === undefined), ...tables.flatMap((t) => (t.error ? [t.error] : []))];
  const risks = tables.flatMap((t) => (t.risk ? [t.risk] : []));
  for (const s of sources.values()) {
    const own = columns.filter((c) => c.source === s.name);
    if (own.length > 0) s.fingerprint = schemaFingerprint(own);
  }
  const sum = (k: 'queries' | 'valuesClassified' | 'durationMs' | 'classifyMs') => parsed.ends.reduce((n, e) => n + (e.stats?.[k] ?? 0), 0);
  return {
    version: 1,
    scannedAt: parsed.headers[0]!.scannedAt,
    sources: [...sources.values()],
    columns,
    errors,
    ...(risks.length > 0 ? { risks } : {}),
    stats: {
      tables: tables.length,
      columns: columns.length,
      queries: sum('queries'),
      valuesClassified: sum('valuesClassified'),
      durationMs: sum('durationMs'),
      // Classification time only when every part counted it: a partial sum would pass for the whole.
      ...(parsed.ends.length > 0 && parsed.ends.every((e) => typeof e.stats?.classifyMs === 'number') ? { classifyMs: sum('classifyMs') } : {}),
    },
  };
}
