/**
 * SARIF 2.1.0 for code-scanning dashboards: one result per finding (per check problem for `check`),
 * each with a stable fingerprint over what it is about (source, schema, table, column, category), never
 * over confidence or counts, so the same finding keeps its identity from run to run.
 */
import { createHash } from 'node:crypto';
import type { ScanResult } from '../types.js';
import { CORE_CATEGORIES } from '../check/gate.js';
import { departmentOf, evidenceText } from './model.js';

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifInput {
  readonly ruleId: string;
  readonly ruleText: string;
  readonly level: SarifLevel;
  readonly message: string;
  readonly source: string;
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  /** What identifies the result beside its column (a category, a problem kind). */
  readonly what: string;
  readonly properties?: Record<string, unknown>;
}

const VERSION = '0.1.0';

/** `sha256:` hex over the result's identity. */
export function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A SARIF log of one run from results. */
export function sarifLog(inputs: readonly SarifInput[], invocation: { ok: boolean; when: string }): string {
  const ruleIds = [...new Set(inputs.map((r) => r.ruleId))].sort();
  const rules = ruleIds.map((id) => {
    const first = inputs.find((r) => r.ruleId === id)!;
    return { id, name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')), shortDescription: { text: first.ruleText }, defaultConfiguration: { level: first.level } };
  });
  const results = inputs.map((r) => ({
    ruleId: r.ruleId,
    ruleIndex: ruleIds.indexOf(r.ruleId),
    level: r.level,
    message: { text: r.message },
    locations: [
      {
        // NOTE: a database column is no file: the artifact is a virtual path, the column a logical location.
        physicalLocation: { artifactLocation: { uri: `minim/${encodeURIComponent(r.source)}/${encodeURIComponent(r.schema)}/${encodeURIComponent(r.table)}` }, region: { startLine: 1 } },
        logicalLocations: [{ name: r.column, fullyQualifiedName: `${r.source}.${r.schema}.${r.table}.${r.column}`, kind: 'member' }],
      },
    ],
    partialFingerprints: { 'minimColumn/v1': fingerprint(r.source, r.schema, r.table, r.column, r.what) },
    ...(r.properties ? { properties: r.properties } : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'minim', version: VERSION, rules } },
        invocations: [{ executionSuccessful: true, endTimeUtc: invocation.when }],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** Every finding of a scan as a SARIF result; core categories are errors, the rest warnings. */
export function renderScanSarif(scan: ScanResult): string {
  const inputs: SarifInput[] = [];
  for (const c of scan.columns) {
    for (const f of c.findings) {
      inputs.push({
        ruleId: `category/${f.category}`,
        ruleText: `Column holds ${f.category} personal data`,
        level: CORE_CATEGORIES.includes(f.category) ? 'error' : 'warning',
        message: `${c.source}: ${c.schema}.${c.table}.${c.column} holds ${f.category} (confidence ${f.confidence.toFixed(2)}; ${f.evidence.map(evidenceText).join('; ')})`,
        source: c.source,
        schema: c.schema,
        table: c.table,
        column: c.column,
        what: f.category,
        properties: { department: departmentOf(scan, c.source, c.schema), category: f.category, confidence: f.confidence, rowEstimate: c.rowEstimate },
      });
    }
  }
  return sarifLog(inputs, { ok: true, when: scan.scannedAt });
}
