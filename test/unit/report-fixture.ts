/** A hand-built scan result for unit tests of reports (shape of DESIGN.md's scan JSON v1). */
import type { ScanResult } from '../../src/types.js';

export function fixtureScan(): ScanResult {
  return {
    version: 1,
    scannedAt: '2026-11-23T12:00:00Z',
    sources: [
      { name: 'payroll', department: 'Finance', dialect: 'postgres' },
      { name: 'calls', department: '311 Call Center', dialect: 'mysql' },
    ],
    columns: [
      {
        source: 'payroll', schema: 'public', table: 'employees', column: 'ssn', dataType: 'text',
        rowEstimate: 18234, sampled: 1000, nonNull: 1000,
        findings: [{
          category: 'ssn', confidence: 0.99,
          evidence: [
            { rule: 'us-ssn', source: 'value', matchRate: 0.98, validated: 977 },
            { rule: 'us-ssn', source: 'name', pattern: 'ssn' },
          ],
          examples: ['***-**-6789'],
        }],
      },
      {
        source: 'payroll', schema: 'public', table: 'employees', column: 'brth_dte', dataType: 'date',
        rowEstimate: 18234, sampled: 1000, nonNull: 500,
        findings: [{ category: 'dob', confidence: 0.9, evidence: [{ rule: 'dob-distribution', source: 'value', matchRate: 1 }], examples: ['****-**-**'] }],
      },
      {
        source: 'payroll', schema: 'public', table: 'employees', column: 'hired_on', dataType: 'date',
        rowEstimate: 18234, sampled: 1000, nonNull: 1000, findings: [],
      },
      {
        source: 'calls', schema: 'calls311', table: 'requests', column: '<script>alert(1)</script>', dataType: 'text',
        rowEstimate: 50000, sampled: 1000, nonNull: 1000,
        findings: [
          { category: 'ssn', confidence: 0.8, evidence: [{ rule: 'us-ssn', source: 'text', rows: 7, withContext: 5 }], examples: ['***-**-1234'] },
          { category: 'phone', confidence: 0.7, evidence: [{ rule: 'us-phone', source: 'text', rows: 40 }], examples: ['(***) ***-**12'] },
        ],
      },
      {
        source: 'calls', schema: 'calls311', table: 'requests', column: 'caller "phone", main', dataType: 'varchar(20)',
        rowEstimate: 50000, sampled: 1000, nonNull: 800,
        findings: [{ category: 'phone', confidence: 0.95, evidence: [{ rule: 'us-phone', source: 'value', matchRate: 0.9 }], examples: ['***-***-**34'], exactCount: 41000 }],
      },
    ],
    errors: [{ source: 'calls', table: 'calls311.audit', code: 'PERMISSION_DENIED', message: 'permission denied for table audit' }],
  };
}
