/** Legacy exports: a 2009 flat-file load with opaque `col_01`..`col_20` columns, and the export log. */
import { email, person, phone, place, streetLine } from '../contacts.js';
import { POPULATION, birthDate, dateBetween, timestampBetween, usDate } from '../dates.js';
import { bankAccountNumber, cardNumber, pad, routingNumber, ssnDigits } from '../identifiers.js';
import type { DemoColumn, DemoTable, DemoValue } from '../model.js';
import type { Rng } from '../prng.js';
import { buildTable, col, trap } from '../table.js';
import { DIAGNOSES } from '../vocab-medical.js';

const schema = 'legacy_exports';
const department = 'IT - Legacy Exports';
export const LEGACY_EXPORTS = { schema, name: department };

/** What each opaque column holds; values alone must classify them. */
const OPAQUE: ReadonlyArray<readonly [DemoColumn, (rng: Rng, row: Row) => DemoValue]> = [
  [trap('col_01', 'varchar', 'record sequence number', { length: 20 }), (_r, row) => pad(row.i, 7)],
  [col('col_02', 'varchar', { length: 60, labels: ['person_name'] }), (_r, row) => row.last],
  [col('col_03', 'varchar', { length: 60, labels: ['person_name'] }), (_r, row) => row.first],
  [col('col_04', 'varchar', { length: 20, labels: ['ssn'] }), (r) => ssnDigits(r)],
  [col('col_05', 'varchar', { length: 20, labels: ['dob'] }), (r) => usDate(birthDate(r, POPULATION))],
  [col('col_06', 'varchar', { length: 120, labels: ['address'] }), (r) => streetLine(r).toUpperCase()],
  [col('col_07', 'varchar', { length: 60, labels: ['address'] }), (_r, row) => row.city.toUpperCase()],
  [col('col_08', 'varchar', { length: 20 }), (_r, row) => row.state],
  [col('col_09', 'varchar', { length: 20, labels: ['address'] }), (_r, row) => row.zip],
  [col('col_10', 'varchar', { length: 20, labels: ['phone'] }), (r) => (r.chance(0.1) ? null : phone(r))],
  [col('col_11', 'varchar', { length: 20, labels: ['credit_card'] }), (r, row) => (row.paidByCard ? cardNumber(r) : null)],
  [trap('col_12', 'varchar', 'amount as text', { length: 20 }), (r) => r.amount(5, 2500).toFixed(2)],
  [col('col_13', 'varchar', { length: 20 }), (r) => `${r.pick(['A', 'B', 'C', 'R', 'S'])}${r.int(10, 99)}`],
  [col('col_14', 'varchar', { length: 120, labels: ['email'] }), (r, row) => (r.chance(0.4) ? null : email(r, row))],
  [trap('col_15', 'varchar', 'service date as MM/DD/YYYY text (2005-2009), not a birth date', { length: 20 }), (r) => usDate(dateBetween(r, '2005-01-01', '2009-06-30'))],
  [col('col_16', 'varchar', { length: 20, labels: ['bank_routing'] }), (r, row) => (row.directDeposit ? routingNumber(r) : null)],
  [col('col_17', 'varchar', { length: 20, labels: ['bank_account'] }), (r, row) => (row.directDeposit ? bankAccountNumber(r) : null)],
  [trap('col_18', 'varchar', 'Y/N flag', { length: 20 }), (r) => (r.chance(0.6) ? 'Y' : 'N')],
  [col('col_19', 'varchar', { length: 20, labels: ['medical'] }), (r) => (r.chance(0.3) ? null : r.pick(DIAGNOSES)[0])],
  [col('col_20', 'text'), (r) => r.pick(['', 'OK', 'REVIEWED', 'DUP?', 'moved out of state', 'see paper file', 'address updated 2008', 'closed'])],
];

interface Row {
  i: number;
  first: string;
  last: string;
  city: string;
  state: string;
  zip: string;
  paidByCard: boolean;
  directDeposit: boolean;
}

/** Builds the department's tables. */
export function legacyExports(seed: number): DemoTable[] {
  const master = buildTable(
    seed,
    // NOTE: no primary key: a flat file loaded as-is, like most legacy exports.
    { schema, department, name: 'exp_2009_master', primaryKey: [], columns: OPAQUE.map(([c]) => c) },
    1500,
    (i, rng) => {
      const p = person(rng);
      const pl = place(rng);
      const row: Row = {
        i,
        first: p.first.toUpperCase(),
        last: p.last.toUpperCase(),
        city: pl.city,
        state: pl.state,
        zip: rng.chance(0.3) ? `${pl.zip}-${pad(rng.int(1, 9999), 4)}` : pl.zip,
        paidByCard: rng.chance(0.45),
        directDeposit: rng.chance(0.5),
      };
      return Object.fromEntries(OPAQUE.map(([c, gen]) => [c.name, gen(rng, row)]));
    },
  );

  const files = buildTable(
    seed,
    {
      schema,
      department,
      name: 'export_files',
      primaryKey: ['file_id'],
      columns: [
        col('file_id', 'int'),
        trap('file_name', 'varchar', 'a file path, not a person name', { length: 200 }),
        trap('exported_at', 'timestamp', 'record timestamp'),
        col('row_count', 'int'),
        col('checksum_md5', 'char', { length: 32 }),
      ],
    },
    200,
    (i, rng) => ({
      file_id: i,
      // NOTE: Windows paths: backslashes exercise MySQL's literal escaping.
      file_name: `\\\\fs01\\exports\\${rng.pick(['payroll', 'courts', 'water', 'parks', 'hs'])}\\${rng.int(2003, 2012)}\\export_${pad(i, 4)}.${rng.pick(['csv', 'txt', 'dat'])}`,
      exported_at: timestampBetween(rng, '2003-01-01', '2012-12-31'),
      row_count: rng.int(10, 250000),
      checksum_md5: Array.from({ length: 32 }, () => '0123456789abcdef'[rng.int(0, 15)]).join(''),
    }),
  );

  return [master, files];
}
