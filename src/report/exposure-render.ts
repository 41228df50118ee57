/**
 * The exposure summary in every report format (`minim report SCAN.json --exposure`): "if this server
 * leaked today, whose data of which kind, how many rows, since when" — with `--history` the date each
 * category first appeared, with `--breach` the notification verdict per jurisdiction.
 */
import Table from 'cli-table3';
import type { ScanResult } from '../types.js';
import { breachVerdicts, type BreachFinding, type BreachProfile } from './breach.js';
import { csvRow, renderExposureCsv } from './csv.js';
import { exposureSummary, type ExposureRow } from './exposure.js';
import { exposureSection } from './html.js';
import { REPORT_CSS } from './html-assets.js';
import { esc } from './html-escape.js';
import { mdTable, mdText, renderExposureMarkdown } from './markdown.js';
import { departmentOf, num } from './model.js';
import { safeText as s } from '../util/text.js';

export type ExposureFormat = 'table' | 'json' | 'csv' | 'markdown' | 'html';

export interface ExposureOptions {
  /** From the history store: `[source, schema, table, column, category]` → first scanned-at. */
  readonly firstSeen?: ReadonlyMap<string, string>;
  readonly breach?: readonly BreachProfile[];
}

export interface ExposureDetail extends ExposureRow {
  /** The earliest scan in the history kept holding this category here. */
  readonly since?: string;
  readonly breach?: BreachFinding[];
}

/** Exposure rows with `since` and breach verdicts when asked. */
export function exposureDetails(scan: ScanResult, options: ExposureOptions = {}): ExposureDetail[] {
  return exposureSummary(scan).map((r) => {
    let since: string | undefined;
    if (options.firstSeen) {
      for (const c of scan.columns) {
        if (c.source !== r.source || departmentOf(scan, c.source, c.schema) !== r.department || !c.findings.some((f) => f.category === r.category)) continue;
        const s = options.firstSeen.get(JSON.stringify([c.source, c.schema, c.table, c.column, r.category]));
        if (s && (!since || s < since)) since = s;
      }
    }
    return { ...r, ...(since ? { since } : {}), ...(options.breach?.length ? { breach: breachVerdicts(scan, r, options.breach) } : {}) };
  });
}

const verdictText = (b: BreachFinding) =>
  `${b.jurisdiction}: ${b.verdict === 'notify' ? 'NOTIFY' : b.verdict === 'conditional' ? 'notify if' : 'no notice'} (${b.statute})${b.alsoNotify.length ? `; also ${b.alsoNotify.join('; ')}` : ''}`;

export function renderExposure(scan: ScanResult, format: ExposureFormat, options: ExposureOptions = {}): string {
  const extended = Boolean(options.firstSeen || options.breach?.length);
  if (!extended) return renderPlain(scan, format);
  const rows = exposureDetails(scan, options);
  const profiles = options.breach ?? [];
  const note = profiles.length
    ? `Breach verdicts are readings of ${profiles.map((p) => `${p.jurisdiction} (${p.statute})`).join(' and ')} marked review: counsel — the city attorney confirms them. Rows stand in for residents.`
    : '';
  switch (format) {
    case 'json':
      return JSON.stringify({ version: 1, scannedAt: scan.scannedAt, exposure: rows, ...(profiles.length ? { breachProfiles: profiles.map((p) => ({ id: p.id, jurisdiction: p.jurisdiction, statute: p.statute, review: p.review, deadline: p.deadline, safeHarbor: p.safeHarbor })) } : {}) }, null, 2) + '\n';
    case 'csv': {
      let out = csvRow(['department', 'source', 'category', 'tables', 'columns', 'rows', 'exact', 'since', ...profiles.flatMap((p) => [`${p.id}_verdict`, `${p.id}_statute`, `${p.id}_also_notify`])]);
      for (const r of rows) {
        out += csvRow([
          r.department, r.source, r.category, r.tables, r.columns, r.rows, r.exact ? 'yes' : 'estimated', r.since ?? '',
          ...(r.breach ?? []).flatMap((b) => [b.verdict, b.statute, b.alsoNotify.join('\n')]),
        ]);
      }
      return out;
    }
    case 'markdown':
      return (
        `## Exposure\n\nIf these sources leaked today: rows holding each category (~ estimated from samples), since when (history), and whether notice is owed.\n\n` +
        mdTable(
          ['Department', 'Source', 'Category', 'Rows', 'Since', ...profiles.map((p) => mdText(p.jurisdiction))],
          rows.map((r) => [mdText(r.department), mdText(r.source), mdText(r.category), `${r.exact ? '' : '~'}${num(r.rows)}`, mdText(r.since?.slice(0, 10) ?? ''), ...(r.breach ?? []).map((b) => mdText(verdictText(b).replace(/^[^:]+: /, '')))]),
        ) +
        (note ? `\n${mdText(note)}\n` : '')
      );
    case 'html':
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>minim exposure</title><style>${REPORT_CSS}</style></head><body><h1>minim exposure</h1><p class="summary">Scanned ${esc(scan.scannedAt)}</p><div class="scroll"><table><thead><tr><th>Department</th><th>Source</th><th>Category</th><th class="num">Rows</th><th>Since</th>${profiles
        .map((p) => `<th>${esc(p.jurisdiction)}</th>`)
        .join('')}</tr></thead><tbody>${rows
        .map(
          (r) =>
            `<tr><td>${esc(r.department)}</td><td>${esc(r.source)}</td><td>${esc(r.category)}</td><td class="num">${r.exact ? '' : '~'}${num(r.rows)}</td><td>${esc(r.since?.slice(0, 10) ?? '')}</td>${(r.breach ?? [])
              .map((b) => `<td${b.verdict === 'notify' ? ' class="up"' : ''}>${esc(verdictText(b).replace(/^[^:]+: /, ''))}<div class="small">${esc(b.why)}</div></td>`)
              .join('')}</tr>`,
        )
        .join('')}</tbody></table></div>${note ? `<p class="small">${esc(note)}</p>` : ''}</body></html>\n`;
    default: {
      const t = new Table({ head: ['department', 'source', 'category', 'rows', 'since', ...profiles.map((p) => p.id)], style: { head: [], border: [] }, wordWrap: true });
      for (const r of rows) {
        t.push([r.department, r.source, r.category, `${r.exact ? '' : '~'}${num(r.rows)}`, r.since?.slice(0, 10) ?? '', ...(r.breach ?? []).map((b) => `${b.verdict === 'notify' ? 'NOTIFY' : b.verdict === 'conditional' ? 'notify if…' : 'no'} ${b.statute}${b.alsoNotify.length ? ' +regulators' : ''}`)]);
      }
      const legend = profiles.length ? '\nnotify if… = only with a credential (security code, password) minim does not detect; +regulators = the rows pass a threshold for notifying a regulator too (see --format json or markdown).' : '';
      return `${rows.length ? t.toString() + '\n' : ''}~ estimated from samples; exact figures with scan --exact.${note ? `\n${note}` : ''}${legend}\n`;
    }
  }
}

function renderPlain(scan: ScanResult, format: ExposureFormat): string {
  const rows = exposureSummary(scan);
  switch (format) {
    case 'json':
      return JSON.stringify({ version: 1, scannedAt: scan.scannedAt, exposure: rows }, null, 2) + '\n';
    case 'csv':
      return renderExposureCsv(scan);
    case 'markdown':
      return renderExposureMarkdown(scan);
    case 'html':
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>minim exposure</title><style>${REPORT_CSS}</style></head><body><h1>minim exposure</h1><p class="summary">Scanned ${esc(scan.scannedAt)}</p>${exposureSection(scan) || '<p>No sensitive columns found.</p>'}</body></html>\n`;
    default: {
      const t = new Table({ head: ['department', 'source', 'category', 'tables', 'columns', 'rows'], style: { head: [], border: [] } });
      for (const r of rows) t.push([s(r.department), s(r.source), s(r.category), r.tables, r.columns, `${r.exact ? '' : '~'}${num(r.rows)}`]);
      const total = rows.length ? t.toString() + '\n' : '';
      return total + `~ estimated from samples (row estimate × share matching); exact figures with scan --exact.\n`;
    }
  }
}
