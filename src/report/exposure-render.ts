/** The exposure summary in every report format (`minim report SCAN.json --exposure`). */
import Table from 'cli-table3';
import type { ScanResult } from '../types.js';
import { renderExposureCsv } from './csv.js';
import { exposureSummary } from './exposure.js';
import { exposureSection } from './html.js';
import { REPORT_CSS } from './html-assets.js';
import { esc } from './html-escape.js';
import { renderExposureMarkdown } from './markdown.js';
import { num } from './model.js';
import { safeText as s } from '../util/text.js';

export type ExposureFormat = 'table' | 'json' | 'csv' | 'markdown' | 'html';

export function renderExposure(scan: ScanResult, format: ExposureFormat): string {
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
