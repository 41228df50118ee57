/** `minim report` on real scans (PostgreSQL and MariaDB in one scan): CSV round-trips, Markdown, exposure with --exact. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExposureRow } from '../../src/report/exposure.js';
import { createTestDatabase, getEngine, type TestDatabase } from '../helpers/engines.js';
import { runCaptured } from '../helpers/cli.js';

const pgFound = await getEngine('postgres');
const myFound = await getEngine('mysql');
if (pgFound.skip) console.warn(`report-cli: skipped: ${pgFound.skip}`);

const run = (argv: string[]) => runCaptured(argv);

/** RFC 4180 reader used only to check the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') q = false; else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  return rows;
}

const SSN = (col: string) => `(100 + ${col} % 500)::text || '-' || lpad((1 + ${col} % 98)::text, 2, '0') || '-' || lpad((1000 + ${col})::text, 4, '0')`;

describe.skipIf(!pgFound.engine)('minim report on a real scan', () => {
  let pgDb: TestDatabase;
  let myDb: TestDatabase | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'minim-report-'));
  const scanFile = join(dir, 'scan.json');

  beforeAll(async () => {
    pgDb = await createTestDatabase(pgFound.engine!, 'report_pg');
    await pgDb.exec([
      `CREATE TABLE "Employees, ""HR""" (id int PRIMARY KEY, ssn text, note text)`,
      // Half the rows hold an SSN.
      `INSERT INTO "Employees, ""HR""" SELECT g, CASE WHEN g % 2 = 0 THEN ${SSN('g')} END, 'n' FROM generate_series(1, 2000) g`,
      `ANALYZE`,
    ]);
    const sources = [`payroll=${pgDb.url}`];
    if (myFound.engine) {
      myDb = await createTestDatabase(myFound.engine, 'report_my');
      await myDb.exec([
        `CREATE TABLE callers (id int PRIMARY KEY, email varchar(80))`,
        `INSERT INTO callers SELECT seq, CONCAT('caller', seq, '@example.org') FROM seq_1_to_500`,
        `ANALYZE TABLE callers`,
      ]).catch(async () => {
        // MySQL has no seq engine: a recursive CTE instead.
        await myDb!.exec(`INSERT INTO callers WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 500) SELECT n, CONCAT('caller', n, '@example.org') FROM s`);
      });
      sources.push(`calls=${myDb.url}`);
    }
    expect((await run(['scan', ...sources, '--exact', '--format', 'json', '--out', scanFile, '-q'])).code).toBe(0);
  });
  afterAll(async () => {
    await pgDb?.drop();
    await myDb?.drop();
  });

  it('writes the auditors’ CSV: one row per column × category, hostile names round-trip', async () => {
    const r = await run(['report', scanFile, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(r.stdout);
    const col = (name: string) => header!.indexOf(name);
    const ssn = rows.find((x) => x[col('column')] === 'ssn')!;
    expect(ssn[col('table')]).toBe('Employees, "HR"');
    expect(ssn[col('category')]).toBe('ssn');
    expect(ssn[col('dialect')]).toBe('postgres');
    if (myDb) expect(rows.some((x) => x[col('source')] === 'calls' && x[col('category')] === 'email')).toBe(true);
    expect(r.stdout).not.toMatch(/\d{3}-\d{2}-\d{4}/);
  });

  it('prints Markdown grouped by department', async () => {
    const r = await run(['report', scanFile, '--format', 'markdown']);
    expect(r.stdout).toContain('# minim inventory');
    expect(r.stdout).toContain('## (no department)');
    expect(r.stdout).toContain('Employees, "HR"');
  });

  it('sums exposure from exact counts when the scan counted them', async () => {
    const r = await run(['report', scanFile, '--exposure', '--format', 'json']);
    const rows = (JSON.parse(r.stdout) as { exposure: ExposureRow[] }).exposure;
    const ssn = rows.find((x) => x.source === 'payroll' && x.category === 'ssn')!;
    expect(ssn).toMatchObject({ tables: 1, columns: 1 });
    if (ssn.exact) expect(ssn.rows).toBe(1000);
    else expect(Math.abs(ssn.rows - 1000)).toBeLessThan(150);
    const table = await run(['report', scanFile, '--exposure', '--format', 'table']);
    expect(table.stdout).toContain('payroll');
  });
});
