/** A hand-built scan result (data, not a mock) shared by the plan and migrate unit tests. */
import type { Finding, ScanColumn, ScanResult } from '../../src/types.js';

const valueFinding = (category: string, examples: string[], confidence = 0.97): Finding => ({
  category,
  confidence,
  evidence: [
    { rule: `us-${category}`, source: 'value', matchRate: 0.98, validated: 960 },
    { rule: `us-${category}`, source: 'name', pattern: category },
  ],
  examples,
});
const textFinding = (category: string): Finding => ({
  category,
  confidence: 0.8,
  evidence: [{ rule: `text-${category}`, source: 'text', rows: 7, validated: 7, withContext: 5 }],
  examples: ['caller gave ***-**-1234'],
});

const col = (source: string, schema: string, table: string, column: string, dataType: string, findings: Finding[] = []): ScanColumn => ({
  source,
  schema,
  table,
  column,
  dataType,
  rowEstimate: 1000,
  sampled: 1000,
  nonNull: 990,
  findings,
});

/** Two sources: a city database with payroll, parks, 311, human services; a court database. */
export function sampleScan(): ScanResult {
  return {
    version: 1,
    scannedAt: '2026-11-23T12:00:00.000Z',
    sources: [
      { name: 'city', dialect: 'postgres', department: 'Various', url: 'postgres://minim:***@db/city' },
      { name: 'court', dialect: 'mysql', department: 'Courts' },
    ],
    columns: [
      col('city', 'payroll', 'employees', 'id', 'integer'),
      col('city', 'payroll', 'employees', 'ssn', 'character varying(11)', [valueFinding('ssn', ['***-**-6789'])]),
      col('city', 'payroll', 'employees', 'brth_dte', 'date', [valueFinding('dob', ['****-**-**'], 0.9)]),
      col('city', 'parks', 'registrations', 'card_number', 'text', [valueFinding('credit_card', ['************4242'])]),
      col('city', 'parks', 'registrations', 'payment_code', 'integer'),
      col('city', 'service311', 'requests', 'notes', 'text', [textFinding('ssn'), textFinding('email')]),
      col('city', 'human_services', 'cases', 'diagnosis', 'text', [valueFinding('medical', ['F**.*'], 0.85)]),
      col('city', 'human_services', 'cases', 'closed_at', 'timestamp without time zone'),
      col('city', 'human_services', 'clients', 'dob', 'date', [valueFinding('dob', ['****-**-**'])]),
      col('court', 'court', 'citations', 'dl_number', 'varchar(20)', [valueFinding('drivers_license', ['*****1234'])]),
      col('court', 'court', 'citations', 'acct', 'bigint', [valueFinding('bank_account', ['******7890'])]),
    ],
    errors: [],
  };
}
