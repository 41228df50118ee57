/** `minim check --format sarif|junit`: the gate's problems for code-scanning dashboards and CI test reporters. */
import { junitXml, type JunitCase } from '../report/junit.js';
import { departmentOf } from '../report/model.js';
import { sarifLog, type SarifInput } from '../report/sarif.js';
import type { ScanResult } from '../types.js';
import type { CheckResult } from './compare.js';

const RULE_TEXT: Record<string, string> = {
  new: 'A sensitive column the baseline does not know',
  changed: 'A sensitive column holds categories the baseline does not list',
  unapproved: 'A sensitive column without an approved plan item',
  unapplied: 'An approved plan item whose change the database does not show',
};

/** One SARIF result per failing problem (errors), and per held category (notes). */
export function renderCheckSarif(r: CheckResult, current: ScanResult): string {
  const inputs: SarifInput[] = [
    ...r.problems.map((p) => ({
      ruleId: `check/${p.kind}`, ruleText: RULE_TEXT[p.kind]!, level: 'error' as const,
      message: `${p.source}: ${p.schema}.${p.table}.${p.column}: ${p.detail}`,
      source: p.source, schema: p.schema, table: p.table, column: p.column, what: `${p.kind}:${p.categories.join(',')}`,
      properties: { department: departmentOf(current, p.source, p.schema), categories: p.categories },
    })),
    ...r.held.map((p) => ({
      ruleId: 'check/held', ruleText: 'A category near the threshold, held by hysteresis', level: 'note' as const,
      message: `${p.source}: ${p.schema}.${p.table}.${p.column}: ${p.detail}`,
      source: p.source, schema: p.schema, table: p.table, column: p.column, what: `held:${p.categories.join(',')}`,
    })),
  ];
  return sarifLog(inputs, { ok: r.ok, when: current.scannedAt });
}

/** A test case per sensitive column checked: failed for a problem, passed otherwise. */
export function renderCheckJunit(r: CheckResult, current: ScanResult): string {
  const key = (c: { source: string; schema: string; table: string; column: string }) => JSON.stringify([c.source, c.schema, c.table, c.column]);
  const problems = new Map(r.problems.map((p) => [key(p), p]));
  const cases: JunitCase[] = current.columns
    .filter((c) => c.findings.length > 0 || problems.has(key(c)))
    .map((c) => {
      const p = problems.get(key(c));
      return {
        suite: departmentOf(current, c.source, c.schema),
        classname: `${c.source}.${c.schema}.${c.table}`,
        name: c.column,
        ...(p ? { failure: { message: `${p.kind}: ${p.detail}`, type: p.kind, detail: `${p.categories.join(', ')}: ${p.detail}` } } : {}),
      };
    });
  return junitXml('minim check', cases, current.scannedAt);
}
