/**
 * Every output format, once: what renders it, its file extension and media type. Commands pick a
 * reporter by format id and never switch over formats themselves. The ids live in ./formats.ts.
 */
import type { AccessReview } from '../access/types.js';
import { renderAccessJson, renderAccessTable, renderAccessVerdictsHtml, renderAccessVerdictsMarkdown } from '../access/render.js';
import { renderCheckJunit, renderCheckSarif } from '../check/ci-formats.js';
import type { CheckResult } from '../check/compare.js';
import { renderCheckJson, renderCheckMarkdown, renderCheckTable } from '../check/render.js';
import { renderNdjson } from '../scan/stream.js';
import type { ScanResult } from '../types.js';
import { renderCsv } from './csv.js';
import { renderExposure, type ExposureOptions } from './exposure-render.js';
import type { ReportExtra } from './extra.js';
import type { AccessFormat, CheckFormat, ScanFormat } from './formats.js';
import { renderHtml } from './html.js';
import { jsonPieces } from './json-stream.js';
import { renderScanJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderScanSarif } from './sarif.js';
import { renderTable } from './table.js';

export * from './formats.js';

/** How a format is written: one string, or (for large documents) in pieces. */
export interface Reporter<T, O> {
  /** File extension, with the dot. */
  readonly extension: string;
  readonly mediaType: string;
  render(subject: T, options: O): string;
  /** The same bytes as `render`, in pieces: a large inventory is never held as one string. */
  stream?(subject: T, options: O): Iterable<string>;
}

/** What a scan's renderers may be given: the scan command's options, or a report's extras. */
export interface ScanRenderOptions {
  readonly showCandidates?: boolean;
  /** Terminal width (table). */
  readonly width?: number;
  /** `--fail-on` (junit marks those categories as failures). */
  readonly failOn?: readonly string[];
  /** A report's plan, access review, trend, exceptions; html also its title. */
  readonly extra?: ReportExtra & { title?: string };
}

export interface ScanReporter extends Reporter<ScanResult, ScanRenderOptions> {
  /** The exposure summary in this format; absent where the format has none (ndjson, sarif, junit). */
  exposure?(scan: ScanResult, options: ExposureOptions): string;
}

export const REPORTERS: Readonly<Record<ScanFormat, ScanReporter>> = {
  table: {
    extension: '.txt',
    mediaType: 'text/plain',
    render: (scan, o) => renderTable(scan, { ...(o.showCandidates ? { showCandidates: true } : {}), ...(o.width ? { width: o.width } : {}) }),
    exposure: (scan, o) => renderExposure(scan, 'table', o),
  },
  json: {
    extension: '.json',
    mediaType: 'application/json',
    render: (scan) => JSON.stringify(scan, null, 2) + '\n',
    stream: (scan) => jsonPieces(scan),
    exposure: (scan, o) => renderExposure(scan, 'json', o),
  },
  csv: {
    extension: '.csv',
    mediaType: 'text/csv',
    render: (scan, o) => renderCsv(scan, o.extra),
    exposure: (scan, o) => renderExposure(scan, 'csv', o),
  },
  markdown: {
    extension: '.md',
    mediaType: 'text/markdown',
    render: (scan, o) => renderMarkdown(scan, o.extra),
    exposure: (scan, o) => renderExposure(scan, 'markdown', o),
  },
  html: {
    extension: '.html',
    mediaType: 'text/html',
    render: (scan, o) => renderHtml(scan, o.extra),
    exposure: (scan, o) => renderExposure(scan, 'html', o),
  },
  ndjson: {
    extension: '.ndjson',
    mediaType: 'application/x-ndjson',
    render: (scan) => renderNdjson(scan),
  },
  sarif: {
    extension: '.sarif',
    mediaType: 'application/sarif+json',
    render: (scan) => renderScanSarif(scan),
  },
  junit: {
    extension: '.xml',
    mediaType: 'application/junit+xml',
    render: (scan, o) => renderScanJunit(scan, o.failOn ?? []),
  },
};

/** The format whose extension `path` ends with, among `formats`; undefined when none. */
export function formatOfFile<F extends ScanFormat>(path: string | undefined, formats: readonly F[]): F | undefined {
  return path === undefined ? undefined : formats.find((f) => path.endsWith(REPORTERS[f].extension));
}

/** `minim check`: the verdict, given the scan it judged (sarif and junit locate findings in it). */
export const CHECK_REPORTERS: Readonly<Record<CheckFormat, Reporter<CheckResult, { current: ScanResult }>>> = {
  table: { extension: '.txt', mediaType: 'text/plain', render: (r) => renderCheckTable(r) },
  json: { extension: '.json', mediaType: 'application/json', render: (r) => renderCheckJson(r) },
  markdown: { extension: '.md', mediaType: 'text/markdown', render: (r) => renderCheckMarkdown(r) },
  sarif: { extension: '.sarif', mediaType: 'application/sarif+json', render: (r, o) => renderCheckSarif(r, o.current) },
  junit: { extension: '.xml', mediaType: 'application/junit+xml', render: (r, o) => renderCheckJunit(r, o.current) },
};

/** `minim access`: the readers of each sensitive column. */
export const ACCESS_REPORTERS: Readonly<Record<AccessFormat, Reporter<AccessReview, object>>> = {
  table: { extension: '.txt', mediaType: 'text/plain', render: (r) => renderAccessTable(r) },
  json: { extension: '.json', mediaType: 'application/json', render: (r) => renderAccessJson(r) },
  markdown: { extension: '.md', mediaType: 'text/markdown', render: (r) => renderAccessVerdictsMarkdown(r) || 'No column of a category the access policy judges.\n' },
  html: { extension: '.html', mediaType: 'text/html', render: (r) => renderAccessVerdictsHtml(r) },
};
