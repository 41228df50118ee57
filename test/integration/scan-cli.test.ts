/** `minim scan` as a command: exit codes 0/1/2, the scan JSON contract, the summary line, config files. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/types.js';
import { runCaptured } from '../helpers/cli.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';

const found = await getEngine('postgres');
if (found.skip) console.warn(`scan-cli skipped: ${found.skip}`);

describe.skipIf(!found.engine)('minim scan (CLI) on PostgreSQL', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'minim-scan-cli-'));
  beforeAll(async () => {
    db = await createTestDatabase(found.engine!, 'scan_cli');
    await db.exec([
      'CREATE SCHEMA hr',
      'CREATE TABLE hr.staff (id int PRIMARY KEY, ssn text, hired date, active boolean)',
      `INSERT INTO hr.staff SELECT g, lpad((100 + g % 500)::text, 3, '0') || '-' || lpad((1 + g % 98)::text, 2, '0') || '-' || lpad((1000 + g)::text, 4, '0'), date '2015-01-01' + g, true FROM generate_series(1, 300) g`,
      'CREATE TABLE public.plain (id int PRIMARY KEY, amount numeric(10,2))',
      'INSERT INTO public.plain SELECT g, g * 1.5 FROM generate_series(1, 50) g',
      'ANALYZE',
    ]);
  });
  afterAll(async () => db?.drop());

  it('prints the scan JSON: every column, findings [] when clean, masked examples only', async () => {
    const r = await runCaptured(['scan', db.url, '--format', 'json']);
    expect(r.code).toBe(0);
    const scan = JSON.parse(r.stdout) as ScanResult;
    expect(scan.version).toBe(1);
    expect(scan.sources).toEqual([expect.objectContaining({ name: db.name, dialect: 'postgres' })]);
    expect(scan.columns.map((c) => `${c.schema}.${c.table}.${c.column}`)).toEqual([
      'hr.staff.id', 'hr.staff.ssn', 'hr.staff.hired', 'hr.staff.active', 'public.plain.id', 'public.plain.amount',
    ]);
    const ssn = scan.columns.find((c) => c.column === 'ssn')!;
    expect(ssn).toMatchObject({ rowEstimate: 300, sampled: 300, nonNull: 300 });
    expect(ssn.findings.map((f) => f.category)).toEqual(['ssn']);
    expect(ssn.findings[0]!.examples.every((e) => /^\*\*\*-\*\*-\d{4}$/.test(e))).toBe(true);
    expect(scan.columns.filter((c) => c.column !== 'ssn').every((c) => c.findings.length === 0)).toBe(true);
    expect(scan.errors).toEqual([]);
    expect(r.stderr).toMatch(/^Found 1 sensitive column \(ssn 1\) in 1 of 2 tables across 1 source; 0 errors\./m);
  });
  it('exits 1 when --fail-on names a category found, 0 when it does not', async () => {
    expect((await runCaptured(['scan', db.url, '-q', '-f', 'json', '--fail-on', 'ssn'])).code).toBe(1);
    expect((await runCaptured(['scan', db.url, '-q', '-f', 'json', '--fail-on', 'any'])).code).toBe(1);
    expect((await runCaptured(['scan', db.url, '-q', '-f', 'json', '--fail-on', 'credit_card,dob'])).code).toBe(0);
    expect((await runCaptured(['scan', db.url, '-q', '-f', 'json', '--exclude', 'hr.*', '--fail-on', 'ssn'])).code).toBe(0);
  });
  it('exits 2 with one line naming the source on a connection failure, password redacted', async () => {
    const r = await runCaptured(['scan', 'pay=postgres://u:hunter2secret@127.0.0.1:1/x']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^minim: CONNECT_FAILED: source pay/);
    expect(r.stderr).not.toContain('hunter2secret');
  });
  it('reads sources and settings from a config file, writing --out atomically', async () => {
    const cfg = join(dir, 'minim.config.yaml');
    writeFileSync(cfg, `sources:\n  - name: hr\n    department: Human Resources\n    url: \${HR_URL}\nscan:\n  include: ["hr.*"]\n  failOn: [ssn]\n`);
    const out = join(dir, 'scan.json');
    const r = await runCaptured(['scan', '--config', cfg, '--out', out, '-q'], { HR_URL: db.url });
    expect(r.code).toBe(1);
    const scan = JSON.parse(readFileSync(out, 'utf8')) as ScanResult;
    expect(scan.sources[0]).toMatchObject({ name: 'hr', department: 'Human Resources' });
    expect(new Set(scan.columns.map((c) => c.schema))).toEqual(new Set(['hr']));
  });
  it('maps schemas to departments and answers the exposure question in one command', async () => {
    const cfg = join(dir, 'departments.yaml');
    writeFileSync(cfg, `sources:\n  - name: city\n    department: City Hall\n    departments: { hr: Human Resources }\n    url: \${CITY_URL}\n`);
    const r = await runCaptured(['scan', '--config', cfg, '--exposure', '-f', 'json', '-q'], { CITY_URL: db.url });
    expect(r.code).toBe(0);
    const exposure = JSON.parse(r.stdout) as { exposure: Array<{ department: string; category: string; rows: number }> };
    expect(exposure.exposure).toEqual([expect.objectContaining({ department: 'Human Resources', category: 'ssn', rows: 300 })]);
  });
});
