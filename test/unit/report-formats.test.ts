import { describe, expect, it } from 'vitest';
import { csvField, renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { mdText, renderMarkdown } from '../../src/report/markdown.js';
import type { AccessReview } from '../../src/access/types.js';
import type { PlanLike } from '../../src/report/extra.js';
import { fixtureScan } from './report-fixture.js';

/** Minimal RFC 4180 parser, to check the renderer's output round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', i = 0, quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"') { quoted = true; i++; continue; }
    if (ch === ',') { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    field += ch; i++;
  }
  return rows;
}

const plan: PlanLike = {
  items: [{
    id: 'payroll.public.employees.ssn:mask', source: 'payroll', schema: 'public', table: 'employees', column: 'ssn',
    category: 'ssn', action: 'mask', strategy: 'last4', values: 'validated', status: 'approved',
    decisions: [{ by: 'Ana Steward', at: '2026-11-20T10:00:00Z', decision: 'approved', reason: 'wage reporting needs last4 only' }],
  }],
};
const access: AccessReview = {
  version: 1,
  columns: [{
    source: 'payroll', schema: 'public', table: 'employees', column: 'ssn', categories: ['ssn'],
    readers: [{ principal: 'PUBLIC', via: 'PUBLIC (SELECT on table)', kind: 'public' }], flags: ['PUBLIC'],
  }],
};

describe('csv report', () => {
  it('quotes per RFC 4180 and guards formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('line\\nbreak'); // shown, not a record break
    expect(csvField('ev\u001bil')).toBe('ev\\x1bil');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(3)).toBe('3');
  });

  it('has one row per column × category, round-tripping hostile names', () => {
    const rows = parseCsv(renderCsv(fixtureScan(), { plan, access }));
    const [header, ...body] = rows;
    expect(header![0]).toBe('department');
    // ssn, dob, ssn+phone (2), phone → 5 rows; hired_on has no finding.
    expect(body).toHaveLength(5);
    expect(body.every((r) => r.length === header!.length)).toBe(true);
    const phone = body.find((r) => r[5] === 'caller "phone", main')!;
    expect(phone[7]).toBe('phone');
    expect(phone[header!.indexOf('exact_count')]).toBe('41000');
    const ssn = body.find((r) => r[5] === 'ssn')!;
    expect(ssn[header!.indexOf('plan')]).toBe('mask (last4, validated values only): approved by Ana Steward 2026-11-20');
    expect(ssn[header!.indexOf('access_flags')]).toBe('PUBLIC');
    // Several values in one field: one per line, so no value can be mistaken for a separator.
    expect(ssn[header!.indexOf('evidence')]).toBe('value us-ssn: 98% match, 977 validated\nname us-ssn: pattern ssn');
  });

  it('lists columns without findings with allColumns', () => {
    const rows = parseCsv(renderCsv(fixtureScan(), { allColumns: true }));
    expect(rows.slice(1).some((r) => r[5] === 'hired_on' && r[7] === '')).toBe(true);
  });
});

describe('markdown report', () => {
  it('escapes HTML and table syntax', () => {
    expect(mdText('<script>|x')).toBe('&lt;script&gt;\\|x');
  });
  it('groups by department with a summary line', () => {
    const md = renderMarkdown(fixtureScan(), { plan });
    expect(md).toContain('## Finance');
    expect(md).toContain('## 311 Call Center');
    expect(md).toContain('**4 sensitive column(s)** in 2 table(s); 1 error(s)');
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('## Exposure');
  });
});

describe('html report', () => {
  const html = renderHtml(fixtureScan(), { plan, access });
  it('renders a hostile column name as text, never as markup', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Only our own script tag.
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
  it('is self-contained: no external URL is referenced', () => {
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).toContain('default-src &#39;none&#39;');
    expect(html).toContain('@media print');
  });
  it('shows departments, findings, plan status and access flags', () => {
    expect(html).toContain('<h3>Finance</h3>');
    expect(html).toContain('<h3>311 Call Center</h3>');
    expect(html).toContain('value us-ssn: 98% match, 977 validated');
    expect(html).toContain('***-**-6789');
    expect(html).toContain('class="st-approved"');
    expect(html).toContain('Ana Steward');
    expect(html).toContain('<span class="flag">PUBLIC</span>');
  });
});
