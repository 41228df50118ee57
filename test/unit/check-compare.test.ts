import { describe, expect, it } from 'vitest';
import { checkScan } from '../../src/check/compare.js';
import { renderCheckMarkdown } from '../../src/check/render.js';
import type { ScanResult } from '../../src/types.js';
import { fixtureScan } from './report-fixture.js';

function withColumns(scan: ScanResult, edit: (s: ScanResult) => void): ScanResult {
  const copy = structuredClone(scan);
  edit(copy);
  return copy;
}

describe('check against a scan baseline', () => {
  const base = fixtureScan();
  it('passes when nothing changed', () => {
    const r = checkScan(base, { kind: 'scan', path: 'b.json', scan: base });
    expect(r).toMatchObject({ ok: true, checked: 4, problems: [], resolved: [] });
  });
  it('fails on a new sensitive column and on an added category; lists removals as resolved', () => {
    const now = withColumns(base, (s) => {
      s.columns.push({ ...structuredClone(s.columns[0]!), column: 'ssn_copy' });
      s.columns[1]!.findings.push({ category: 'medical', confidence: 0.8, evidence: [], examples: [] });
      s.columns[3]!.findings = s.columns[3]!.findings.filter((f) => f.category !== 'phone');
      s.columns[2]!.findings = [{ category: 'dob', confidence: 0.7, evidence: [], examples: [] }];
    });
    const r = checkScan(now, { kind: 'scan', path: 'b.json', scan: base });
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => [p.kind, p.column, p.detail])).toEqual([
      ['changed', 'brth_dte', 'categories dob → dob, medical'],
      ['new', 'hired_on', 'newly sensitive: dob'],
      ['new', 'ssn_copy', 'new column: ssn'],
    ]);
    expect(r.resolved.map((p) => p.detail)).toEqual(['no longer found: phone']);
  });
  it('renders a PR comment that escapes hostile names', () => {
    const now = withColumns(base, (s) => {
      s.columns.push({ ...structuredClone(s.columns[3]!), column: '<img src=x onerror=alert(1)>' });
    });
    const md = renderCheckMarkdown(checkScan(now, { kind: 'scan', path: 'b.json', scan: base }));
    expect(md).toContain('### ❌ minim check');
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img');
  });
});

describe('check against a plan baseline', () => {
  it('an approved redaction item covers every category it redacts inside the text', async () => {
    const { buildPlan, loadPolicy, decide, selectItems } = await import('../../src/plan/index.js');
    const scan = withColumns(fixtureScan(), (s) => {
      const text = (category: string) => ({
        category,
        confidence: 0.9,
        evidence: [{ rule: `${category}-in-text`, source: 'text' as const, rows: 3, withContext: 3 }],
        examples: [],
      });
      s.columns.push({ ...structuredClone(s.columns[0]!), column: 'notes', dataType: 'text', findings: [text('ssn'), text('phone'), text('email')] });
    });
    const plan = buildPlan(scan, await loadPolicy());
    const notes = plan.items.filter((i) => i.column === 'notes');
    expect(notes.some((i) => i.strategy === 'redact' && ['email', 'phone', 'ssn'].every((c) => i.redact?.includes(c)))).toBe(true);
    const before = checkScan(scan, { kind: 'plan', path: 'plan.yaml', plan });
    expect(before.problems.find((p) => p.column === 'notes')?.kind).toBe('unapproved');
    const { makeSteward, stewardsYaml } = await import('../helpers/stewards.js');
    const { parseStewards } = await import('../../src/approvals/stewards.js');
    const ana = await makeSteward('Ana');
    const stewards = parseStewards(stewardsYaml([ana]), 'stewards.yaml');
    const approved = decide(plan, selectItems(plan, { all: true }, 'plan.yaml').items, { verdict: 'approved', reason: 'test', key: ana.key, stewards }).plan;
    const after = checkScan(scan, { kind: 'plan', path: 'plan.yaml', plan: approved });
    expect(after.problems.filter((p) => p.column === 'notes')).toEqual([]);
  });
});
