import { describe, expect, it } from 'vitest';
import { columnExposure, exposureSummary } from '../../src/report/exposure.js';
import { fixtureScan } from './report-fixture.js';

describe('exposure summary', () => {
  const scan = fixtureScan();
  it('estimates rows from value match rates and text rows, and prefers exact counts', () => {
    const [ssn, dob, , notes, phone] = scan.columns;
    // 0.98 of 1000 non-null over 1000 sampled, × 18234.
    expect(columnExposure(ssn!, ssn!.findings[0]!)).toEqual({ rows: Math.round(18234 * 0.98), exact: false });
    // matchRate 1 of 500 non-null → half the table.
    expect(columnExposure(dob!, dob!.findings[0]!)).toEqual({ rows: 9117, exact: false });
    // 7 of 1000 sampled notes.
    expect(columnExposure(notes!, notes!.findings[0]!)).toEqual({ rows: 350, exact: false });
    expect(columnExposure(phone!, phone!.findings[0]!)).toEqual({ rows: 41000, exact: true });
  });

  it('aggregates per department × source × category, one figure per table', () => {
    const rows = exposureSummary(scan);
    expect(rows.map((r) => [r.department, r.source, r.category])).toEqual([
      ['311 Call Center', 'calls', 'phone'],
      ['311 Call Center', 'calls', 'ssn'],
      ['Finance', 'payroll', 'dob'],
      ['Finance', 'payroll', 'ssn'],
    ]);
    const phone = rows[0]!;
    // Two phone columns in one table: the larger figure (exact 41000 vs 2000 estimated) counts once.
    expect(phone).toMatchObject({ tables: 1, columns: 2, rows: 41000 });
    expect(rows[3]).toMatchObject({ rows: 17869, exact: false });
  });
});
