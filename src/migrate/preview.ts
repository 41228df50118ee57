/**
 * What an item would do, for the dry run and `minim review`: the rows it would change and two or
 * three masked before → after examples (`***-**-6789` → `***-**-6789` for last4; a note's
 * validated SSN → `[REDACTED-SSN]`), plus, for redaction, a row that stays as it is although it
 * holds a number of the same shape (`Parcel ***-**-**** stays`). Values are masked before they
 * leave this module: digits become `*` except the last four of a validated match.
 */
import { sql } from 'kysely';
import type { Connector } from '../../connectors/types.js';
import { maskEmail, maskValue } from '../util/mask.js';
import { countPending } from './batch-sql.js';
import { validatorsOf, type Detector } from './detect.js';
import type { RowOperation } from './operations.js';
import { tableRef } from './operations.js';
import type { Preflight } from './preflight.js';
import { streamRows, textOf } from './read.js';
import { compile, type SqlFamily } from './sql-compiler.js';

export interface PreviewExample {
  readonly before: string;
  readonly after: string;
}

export interface ItemPreview {
  readonly item: string;
  /** Rows the item would change now. */
  readonly rows: number;
  readonly examples: PreviewExample[];
  /** A value of the same shape the item leaves as it is (redaction), masked. */
  readonly untouched?: string;
  /**
   * A column mask whose category has validators: the rows it could change whose value does not
   * validate (`N/A`, `000-00-0000`, `unknown, ask HR`), the commonest masked shapes of those
   * values (every letter and digit starred: `***-**-****`, `***, *** **`), and whether the item changes them (`values:
   * all`) or leaves them as they are (`values: validated`, which `rows` then does not count).
   */
  readonly unvalidated?: { readonly rows: number; readonly categories: readonly string[]; readonly shapes: ReadonlyArray<{ shape: string; rows: number }>; readonly changed: boolean };
}

/** Shapes listed per item, commonest first. */
const SHAPES = 3;

const EXAMPLES = 3;
const WINDOW = 28;

/** Masks free text for display: e-mails, and every digit except the last four of a validated match. */
function maskText(text: string, keep: ReadonlyArray<{ start: number; end: number }> = []): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const m = keep.find((k) => i >= k.start && i < k.end);
    if (/[0-9]/.test(c) && !(m && digitsAfter(text, i, m.end) < 4)) out += '*';
    else out += c;
  }
  return out.replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, (e) => maskEmail(e));
}
const digitsAfter = (t: string, i: number, end: number) => t.slice(i + 1, end).replace(/[^0-9]/g, '').length;

/** A window of the text around [start, end). */
function around(text: string, start: number, end: number): [number, number] {
  return [Math.max(0, start - WINDOW), Math.min(text.length, end + WINDOW)];
}
const ell = (s: string, from: number, to: number, len: number) => `${from > 0 ? '…' : ''}${s}${to < len ? '…' : ''}`;

function redactExample(text: string, d: Detector): PreviewExample {
  const ms = d.matches(text);
  const [from, to] = around(text, ms[0]!.start, ms[0]!.end);
  const shown = ms.filter((m) => m.start >= from && m.end <= to);
  const before = ell(maskText(text.slice(from, to), shown.map((m) => ({ start: m.start - from, end: m.end - from }))), from, to, text.length);
  const window = text.slice(from, to);
  const after = ell(maskText(d.redact(window)), from, to, text.length);
  return { before, after };
}

/** Mirrors a SQL-side strategy on one value, for display (the database does the real change). */
function sqlSideAfter(op: RowOperation, v: string): string {
  if (op.verb === 'delete') return '(row deleted)';
  switch (op.item.action === 'purge' ? 'null' : op.item.strategy) {
    case 'last4':
      return v.slice(0, Math.max(0, v.length - 4)).replace(/[0-9A-Za-z]/g, '*') + v.slice(-4);
    case 'hash':
      return 'sha256:…';
    case 'year':
      return /^\d{4}-\d{2}-\d{2}/.test(v) ? '****-01-01' : '****';
    default:
      return 'NULL';
  }
}

/** The preview of each row operation (its preflight tells the key to read by). */
export async function previewItems(
  connector: Connector,
  family: SqlFamily,
  items: ReadonlyArray<{ op: RowOperation; pf: Preflight }>,
  options: { batchSize?: number; examples?: number } = {},
): Promise<ItemPreview[]> {
  const want = options.examples ?? EXAMPLES;
  const out: ItemPreview[] = [];
  for (const { op, pf } of items) {
    if (op.redact) {
      let rows = 0;
      const examples: PreviewExample[] = [];
      let untouched: string | undefined;
      const where = sql`${sql.id(op.item.column)} IS NOT NULL`;
      for await (const batch of streamRows(connector, family, op.table, pf.key, [op.item.column], { batchSize: options.batchSize ?? 5000, where })) {
        for (const r of batch) {
          const v = textOf(r.values[0]);
          if (v === null) continue;
          if (op.redact.matches(v).length > 0) {
            rows++;
            if (examples.length < want) examples.push(redactExample(v, op.redact));
          } else if (untouched === undefined && /\d{3}[- ]?\d{2}[- ]?\d{4}|\d{4}[- ]?\d{4}/.test(v)) {
            const m = /\d{3}[- ]?\d{2}[- ]?\d{4}|\d{4}[- ]?\d{4}/.exec(v)!;
            const [from, to] = around(v, m.index, m.index + m[0].length);
            untouched = ell(maskText(v.slice(from, to)), from, to, v.length);
          }
        }
      }
      out.push({ item: op.item.id, rows, examples, ...(untouched !== undefined ? { untouched } : {}) });
      continue;
    }
    const judged = op.verb === 'update' && op.item.action === 'mask' ? (op.only ?? judgeOf(op.item)) : null;
    if (judged) {
      out.push(await judgedPreview(connector, family, op, pf, judged, want, options.batchSize ?? 5000));
      continue;
    }
    const cq = compile(family, countPending(op));
    const rows = Number((await connector.query(cq.sql, cq.parameters)).rows[0]?.['minim_n'] ?? 0);
    const w = connector.write!;
    const q = compile(family, sql`SELECT ${w.rows.top(want)}${w.asText(sql.id(op.item.column))} AS ${sql.id('minim_v')} FROM ${tableRef(op.table)} WHERE ${op.pending!}${w.rows.limit(want)}`);
    const examples = (await connector.query(q.sql, q.parameters)).rows.map((r) => sqlSideExample(op, textOf(r['minim_v'])));
    out.push({ item: op.item.id, rows, examples });
  }
  return out;
}

/** One masked before → after of a SQL-side change. */
function sqlSideExample(op: RowOperation, v: string | null): PreviewExample {
  if (v === null) return { before: 'NULL', after: op.verb === 'delete' ? '(row deleted)' : 'NULL' };
  const after = sqlSideAfter(op, v);
  return { before: /@/.test(v) ? maskEmail(v) : /^\d{4}-\d{2}-\d{2}/.test(v) ? '****-**-**' : maskValue(v), after: after.includes('@') ? maskEmail(after) : after };
}

/** The scan's validators of a mask item's categories, when it has them all (else null: nothing to judge values by). */
function judgeOf(item: RowOperation['item']): Detector | null {
  const { detector, missing } = validatorsOf(item.redact ?? [item.category]);
  return missing.length === 0 ? detector : null;
}

/**
 * A column mask previewed value by value: its pending rows streamed through the validators of its
 * categories. `values: validated` changes the rows that validate; `values: all` changes every
 * pending row, and the preview says how many of them hold nothing that validates.
 */
async function judgedPreview(connector: Connector, family: SqlFamily, op: RowOperation, pf: Preflight, d: Detector, want: number, batchSize: number): Promise<ItemPreview> {
  let valid = 0;
  let other = 0;
  const shapes = new Map<string, number>();
  const examples: PreviewExample[] = [];
  for await (const batch of streamRows(connector, family, op.table, pf.key, [op.item.column], { batchSize, where: op.pending! })) {
    for (const r of batch) {
      const v = textOf(r.values[0]);
      if (v === null) continue;
      if (d.holds(v)) {
        valid++;
        if (examples.length < want) examples.push(sqlSideExample(op, v));
        continue;
      }
      other++;
      const shape = maskValue(v, 0);
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    }
  }
  const changed = !op.only;
  const top = [...shapes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, SHAPES).map(([shape, rows]) => ({ shape, rows }));
  return {
    item: op.item.id,
    rows: changed ? valid + other : valid,
    examples,
    ...(other > 0 ? { unvalidated: { rows: other, categories: d.categories, shapes: top, changed } } : {}),
  };
}
