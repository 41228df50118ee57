/** JUnit XML for CI test reporters: a suite per department, a test case per sensitive column. */
import type { ScanResult } from '../types.js';
import { CORE_CATEGORIES } from '../check/gate.js';
import { departmentOf, evidenceText } from './model.js';

/** Text and attribute escaping for XML 1.0 (characters XML cannot carry are dropped). */
export function xml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface JunitCase {
  readonly suite: string;
  readonly classname: string;
  readonly name: string;
  /** Present: the case failed, with this message and detail. */
  readonly failure?: { message: string; type: string; detail: string };
  readonly skipped?: string;
}

/** The XML document: suites in name order, cases in the given order. */
export function junitXml(name: string, cases: readonly JunitCase[], when: string): string {
  const suites = [...new Set(cases.map((c) => c.suite))].sort();
  const fails = cases.filter((c) => c.failure).length;
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(name)}" tests="${cases.length}" failures="${fails}" errors="0" time="0">\n`;
  for (const s of suites) {
    const mine = cases.filter((c) => c.suite === s);
    out += `  <testsuite name="${xml(s)}" tests="${mine.length}" failures="${mine.filter((c) => c.failure).length}" errors="0" skipped="${mine.filter((c) => c.skipped).length}" time="0" timestamp="${xml(when.replace(/Z$/, ''))}">\n`;
    for (const c of mine) {
      out += `    <testcase classname="${xml(c.classname)}" name="${xml(c.name)}" time="0"`;
      if (c.failure) out += `>\n      <failure message="${xml(c.failure.message)}" type="${xml(c.failure.type)}">${xml(c.failure.detail)}</failure>\n    </testcase>\n`;
      else if (c.skipped) out += `>\n      <skipped message="${xml(c.skipped)}"/>\n    </testcase>\n`;
      else out += `/>\n`;
    }
    out += `  </testsuite>\n`;
  }
  return out + `</testsuites>\n`;
}

/** A scan as JUnit: a case per sensitive column, failed when it holds a `failOn` category (default: the five core ones). */
export function renderScanJunit(scan: ScanResult, failOn: readonly string[] = []): string {
  const failing = failOn.length > 0 ? failOn : CORE_CATEGORIES;
  const cases: JunitCase[] = scan.columns
    .filter((c) => c.findings.length > 0)
    .map((c) => {
      const hit = c.findings.filter((f) => failing.includes('any') || failing.includes(f.category));
      const cats = c.findings.map((f) => f.category).join(', ');
      return {
        suite: departmentOf(scan, c.source, c.schema),
        classname: `${c.source}.${c.schema}.${c.table}`,
        name: c.column,
        ...(hit.length > 0
          ? { failure: { message: `holds ${hit.map((f) => f.category).join(', ')}`, type: 'personal-data', detail: hit.map((f) => `${f.category} ${f.confidence.toFixed(2)}: ${f.evidence.map(evidenceText).join('; ')}`).join('\n') } }
          : { skipped: `holds ${cats} (not in --fail-on)` }),
      };
    });
  return junitXml('minim scan', cases, scan.scannedAt);
}
