/** `minim label` on PostgreSQL: comments keep their text, the tag is replaced not duplicated, the scan reads it back. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConnector, DEFAULT_CONNECTOR_OPTIONS } from '../../connectors/index.js';
import { runCli } from '../../src/cli/program.js';
import { labelEvidence } from '../../src/label/parse.js';
import type { ScanResult } from '../../src/types.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';
import { capturedContext } from '../helpers/cli.js';

const found = await getEngine('postgres');
if (found.skip) console.warn(`label-postgres: skipped: ${found.skip}`);

const cliContext = () => capturedContext();

describe.skipIf(!found.engine)('label on PostgreSQL', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'minim-label-'));
  const scanFile = join(dir, 'scan.json');

  beforeAll(async () => {
    db = await createTestDatabase(found.engine!, 'label_pg');
    await db.exec([
      `CREATE SCHEMA "Pay Roll"`,
      `CREATE TABLE "Pay Roll".employees (id int PRIMARY KEY, ssn text, "it's dob" date, notes text)`,
      `COMMENT ON COLUMN "Pay Roll".employees.ssn IS 'Employee''s SSN, needed for W-2'`,
      `INSERT INTO "Pay Roll".employees SELECT g, '123-45-' || lpad(g::text, 4, '0'), date '1970-01-01' + g * 37, 'note ' || g FROM generate_series(1, 300) g`,
    ]);
    const scan: ScanResult = {
      version: 1, scannedAt: '2026-11-23T12:00:00Z', errors: [],
      sources: [{ name: 'payroll', dialect: 'postgres' }],
      columns: [
        { source: 'payroll', schema: 'Pay Roll', table: 'employees', column: 'ssn', dataType: 'text', rowEstimate: 300, sampled: 300, nonNull: 300,
          findings: [{ category: 'ssn', confidence: 0.99, evidence: [{ rule: 'us-ssn', source: 'value', matchRate: 1 }], examples: [] }] },
        { source: 'payroll', schema: 'Pay Roll', table: 'employees', column: "it's dob", dataType: 'date', rowEstimate: 300, sampled: 300, nonNull: 300,
          findings: [{ category: 'dob', confidence: 0.9, evidence: [{ rule: 'dob', source: 'value', matchRate: 1 }], examples: [] }] },
      ],
    };
    writeFileSync(scanFile, JSON.stringify(scan));
  });
  afterAll(async () => {
    await db?.drop();
  });

  const comments = async () => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const r = await c.query<{ attname: string; comment: string | null }>(
        `SELECT attname, col_description(attrelid, attnum) AS comment FROM pg_attribute WHERE attrelid = '"Pay Roll".employees'::regclass AND attnum > 0 ORDER BY attnum`,
      );
      return Object.fromEntries(r.rows.map((x) => [x.attname, x.comment]));
    } finally {
      await c.end();
    }
  };

  it('prints quoted SQL for review without changing anything', async () => {
    const { ctx, out } = cliContext();
    expect(await runCli(['label', `payroll=${db.url}`, '--scan', scanFile], ctx)).toBe(0);
    expect(out()).toContain(`COMMENT ON COLUMN "Pay Roll"."employees"."ssn" IS 'Employee''s SSN, needed for W-2 [minim: ssn]';`);
    expect(out()).toContain(`COMMENT ON COLUMN "Pay Roll"."employees"."it's dob" IS '[minim: dob]';`);
    // No anon extension here: no SECURITY LABEL.
    expect(out()).not.toContain('SECURITY LABEL');
    expect((await comments())['ssn']).toBe("Employee's SSN, needed for W-2");
  });

  it('applies, keeps the existing text, and is idempotent', async () => {
    for (let i = 0; i < 2; i++) {
      const { ctx } = cliContext();
      expect(await runCli(['label', `payroll=${db.url}`, '--scan', scanFile, '--apply', '-q'], ctx)).toBe(0);
    }
    const c = await comments();
    expect(c['ssn']).toBe("Employee's SSN, needed for W-2 [minim: ssn]");
    expect(c["it's dob"]).toBe('[minim: dob]');
    expect(c['notes']).toBeNull();
    const { ctx, out } = cliContext();
    await runCli(['label', `payroll=${db.url}`, '--scan', scanFile], ctx);
    expect(out()).toContain('-- minim label: 0 statement(s)');
  });

  it('is read back as evidence through the connector catalog', async () => {
    const connector = await openConnector(db.url, { ...DEFAULT_CONNECTOR_OPTIONS, name: 'payroll' });
    try {
      const t = (await connector.catalog()).find((x) => x.name === 'employees')!;
      const ssn = t.columns.find((x) => x.name === 'ssn')!;
      expect(labelEvidence(ssn.comment)).toEqual([{ category: 'ssn' }]);
      expect(labelEvidence(t.columns.find((x) => x.name === 'notes')!.comment)).toEqual([]);
    } finally {
      await connector.close();
    }
    expect(readFileSync(scanFile, 'utf8')).not.toContain('123-45-');
  });
});
