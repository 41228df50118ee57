/**
 * CI formats: SARIF 2.1.0 checked structurally against the spec's required properties (a zod model of
 * the OASIS SARIF 2.1.0 schema's required fields and enums — the schema file itself is third-party
 * data, not committed, and tests have no network), one result per finding, stable fingerprints;
 * JUnit XML parsed with fast-xml-parser.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkScan } from '../../src/check/compare.js';
import { renderCheckJunit, renderCheckSarif } from '../../src/check/ci-formats.js';
import { renderScanJunit } from '../../src/report/junit.js';
import { renderScanSarif } from '../../src/report/sarif.js';
import type { ScanResult } from '../../src/types.js';
import { fixtureScan } from './report-fixture.js';

// SARIF 2.1.0 (OASIS standard, sarif-schema-2.1.0.json): the required properties and enums minim's output must meet.
const message = z.object({ text: z.string().min(1) }).or(z.object({ id: z.string().min(1) }));
const sarif = z.object({
  $schema: z.string().url().optional(),
  version: z.literal('2.1.0'),
  runs: z.array(
    z.object({
      tool: z.object({
        driver: z.object({
          name: z.string().min(1),
          version: z.string().optional(),
          informationUri: z.string().url().optional(),
          rules: z.array(z.object({ id: z.string().min(1), name: z.string().optional(), shortDescription: message.optional(), defaultConfiguration: z.object({ level: z.enum(['none', 'note', 'warning', 'error']) }).optional() })).optional(),
        }),
      }),
      invocations: z.array(z.object({ executionSuccessful: z.boolean(), endTimeUtc: z.string().datetime().optional() })).optional(),
      results: z.array(
        z.object({
          ruleId: z.string().optional(),
          ruleIndex: z.number().int().min(-1).optional(),
          level: z.enum(['none', 'note', 'warning', 'error']).optional(),
          message,
          locations: z.array(
            z.object({
              physicalLocation: z.object({ artifactLocation: z.object({ uri: z.string().min(1) }), region: z.object({ startLine: z.number().int().min(1) }).optional() }).optional(),
              logicalLocations: z.array(z.object({ name: z.string().optional(), fullyQualifiedName: z.string().optional(), kind: z.string().optional() })).optional(),
            }),
          ).optional(),
          partialFingerprints: z.record(z.string(), z.string()).optional(),
          properties: z.record(z.string(), z.unknown()).optional(),
        }),
      ),
    }),
  ).min(1),
});

const edit = (s: ScanResult, fn: (s: ScanResult) => void) => {
  const c = structuredClone(s);
  fn(c);
  return c;
};

describe('SARIF 2.1.0', () => {
  it('is a valid SARIF log with one result per finding, rules indexed', () => {
    const scan = fixtureScan();
    const log = sarif.parse(JSON.parse(renderScanSarif(scan)));
    const findings = scan.columns.flatMap((c) => c.findings);
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(findings.length);
    for (const r of run.results) expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId);
    expect(run.results.find((r) => r.ruleId === 'category/ssn')?.level).toBe('error');
    expect(run.results.find((r) => r.ruleId === 'category/phone')?.level).toBe('warning');
  });

  it('fingerprints are stable across runs and confidence changes, distinct per column and category', () => {
    const a = sarif.parse(JSON.parse(renderScanSarif(fixtureScan())));
    const b = sarif.parse(JSON.parse(renderScanSarif(edit(fixtureScan(), (s) => {
      s.scannedAt = '2027-01-01T00:00:00Z';
      for (const c of s.columns) for (const f of c.findings) f.confidence = 0.61;
    }))));
    const fp = (l: z.infer<typeof sarif>) => l.runs[0]!.results.map((r) => r.partialFingerprints!['minimColumn/v1']);
    expect(fp(a)).toEqual(fp(b));
    expect(new Set(fp(a)).size).toBe(fp(a).length);
  });

  it('check problems are SARIF results too', () => {
    const base = fixtureScan();
    const now = edit(base, (s) => s.columns.push({ ...structuredClone(s.columns[0]!), column: 'ssn_copy' }));
    const r = checkScan(now, { kind: 'scan', path: 'b.json', scan: base });
    const log = sarif.parse(JSON.parse(renderCheckSarif(r, now)));
    expect(log.runs[0]!.results.map((x) => [x.ruleId, x.level])).toEqual([['check/new', 'error']]);
  });
});

describe('JUnit XML', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });
  type Case = { classname: string; name: string; failure?: { message: string }; skipped?: unknown };
  type Doc = { testsuites: { tests: string; failures: string; testsuite: Array<{ name: string; tests: string; failures: string; testcase: Case[] }> } };

  it('parses: a suite per department, a case per sensitive column, core categories fail by default', () => {
    const xml = renderScanJunit(fixtureScan());
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as Doc;
    expect(doc.testsuites.testsuite.map((s) => s.name)).toEqual(['311 Call Center', 'Finance']);
    const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase);
    expect(cases).toHaveLength(4);
    expect(Number(doc.testsuites.failures)).toBe(3);
    // The hostile column name survives as text.
    expect(cases.map((c) => c.name)).toContain('<script>alert(1)</script>');
  });

  it('--fail-on narrows the failures; check renders its problems as failures', () => {
    const doc = parser.parse(renderScanJunit(fixtureScan(), ['phone'])) as Doc;
    expect(Number(doc.testsuites.failures)).toBe(2);
    const base = fixtureScan();
    const now = edit(base, (s) => s.columns.push({ ...structuredClone(s.columns[0]!), column: 'ssn_copy' }));
    const xml = renderCheckJunit(checkScan(now, { kind: 'scan', path: 'b.json', scan: base }), now);
    expect(XMLValidator.validate(xml)).toBe(true);
    const failed = (parser.parse(xml) as Doc).testsuites.testsuite.flatMap((s) => s.testcase).filter((c) => c.failure);
    expect(failed.map((c) => [c.classname, c.name, c.failure!.message])).toEqual([['payroll.public.employees', 'ssn_copy', 'new: new column: ssn']]);
  });
});
