/** The inventory spreadsheet auditors ask for: one row per column × category, RFC 4180 CSV. */
import type { ScanResult } from '../types.js';
import { joinExtra, planText, sortedColumns, type ReportExtra } from './extra.js';
import { departmentOf, evidenceText } from './model.js';
import { exposureSummary } from './exposure.js';
import { safeText } from '../util/text.js';

const HEADER = [
  'department', 'source', 'dialect', 'schema', 'table', 'column', 'data_type', 'category', 'confidence',
  'evidence', 'examples', 'row_estimate', 'sampled', 'non_null', 'exact_count', 'plan', 'readers', 'access_flags', 'reidentification_risk',
];

/** Inside one field, several values (evidence, examples, readers…) are one per line: no separator a value can contain. */
const LIST = '\n';

/**
 * One CSV field: quoted when it holds a comma or quote (quotes doubled); control characters escaped. Text that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed with `'`.
 */
export function csvField(value: string | readonly string[] | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  // Control characters (an ESC, a newline in a name) shown as `\x1b`, `\n`: a CSV is read in terminals too.
  // A list is escaped value by value, then one per line: the only raw newlines are the separators.
  const v = typeof value === 'string' ? safeText(value) : value.map(safeText).join(LIST);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record, CRLF-terminated (RFC 4180). */
export function csvRow(fields: ReadonlyArray<string | readonly string[] | number | null | undefined>): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/**
 * The inventory as CSV; with `extra.allColumns`, columns without findings get one row with an empty
 * category. Columns in a re-identification risk are listed (with the risk) even without a finding.
 */
export function renderCsv(scan: ScanResult, extra?: ReportExtra): string {
  const j = joinExtra(extra);
  const dialect = new Map(scan.sources.map((s) => [s.name, s.dialect]));
  const riskOf = new Map<string, string>();
  for (const r of scan.risks ?? []) {
    for (const col of r.columns) riskOf.set(JSON.stringify([r.source, r.schema, r.table, col]), `${r.columns.join(' + ')}: ${r.message}`);
  }
  const key = (c: { source: string; schema: string; table: string; column: string }) => JSON.stringify([c.source, c.schema, c.table, c.column]);
  const cols = extra?.allColumns ? sortedColumns(scan, true) : sortedColumns(scan, true).filter((c) => c.findings.length > 0 || riskOf.has(key(c)));
  let out = csvRow(HEADER);
  for (const c of cols) {
    const access = j.accessOf(c);
    const readers = access ? access.readers.filter((r) => !r.viaPublic).map((r) => r.principal) : [];
    const flags = access ? access.flags : [];
    const risk = riskOf.get(key(c)) ?? '';
    const base = [departmentOf(scan, c.source, c.schema), c.source, dialect.get(c.source) ?? '', c.schema, c.table, c.column, c.dataType];
    const tail = [c.rowEstimate, c.sampled, c.nonNull];
    if (c.findings.length === 0) {
      out += csvRow([...base, '', null, '', '', ...tail, null, '', readers, flags, risk]);
      continue;
    }
    for (const f of c.findings) {
      const plan = j.planOf(c).filter((p) => p.category === f.category).map(planText);
      out += csvRow([
        ...base, f.category, f.confidence, f.evidence.map(evidenceText), f.examples,
        ...tail, f.exactCount ?? null, plan, readers, flags, risk,
      ]);
    }
  }
  return out;
}

/** The exposure summary as CSV. */
export function renderExposureCsv(scan: ScanResult): string {
  let out = csvRow(['department', 'source', 'category', 'tables', 'columns', 'rows', 'exact']);
  for (const r of exposureSummary(scan)) {
    out += csvRow([r.department, r.source, r.category, r.tables, r.columns, r.rows, r.exact ? 'yes' : 'estimated']);
  }
  return out;
}
