/** Seed data for the migrate integration tests: SSNs, cards, birth dates, notes with embedded SSNs, a keyless table, a hostile name. */
import type { EngineDialect } from '../helpers/engines.js';

export const HOSTILE_TABLE = 'Client "Records"; --';
export const HOSTILE_COLUMN = 'SSN #';
export const ROWS = 1200;

/** A valid-looking SSN (area 100-599, group 10-98, serial 1000-9998), formatted with dashes. */
export const ssnOf = (i: number) => `${100 + (i % 500)}-${10 + (i % 89)}-${1000 + ((i * 7) % 8999)}`;
const CARDS = ['4111111111111111', '5500005555555559', '4012888888881881', '378282246310005', '6011111111111117', '5105105105105100'];
export const cardOf = (i: number) => CARDS[i % CARDS.length]!;
export const dobOf = (i: number) => {
  const d = new Date(Date.UTC(1950 + (i % 50), i % 12, 1 + (i % 28)));
  return d.toISOString().slice(0, 10);
};
const NOTE = (i: number) =>
  i % 5 === 0
    ? `Caller gave SSN ${ssnOf(i)} to verify identity; call back`
    : i % 7 === 0
      ? `Resident asked for a reply at resident${i}@example.org`
      : `Pothole reported near block ${i % 90}; crew dispatched`;

const q = (d: EngineDialect, id: string) =>
  d === 'mysql' ? '`' + id.replace(/`/g, '``') + '`' : d === 'mssql' ? `[${id.replace(/]/g, ']]')}]` : '"' + id.replace(/"/g, '""') + '"';

/** DDL + inserts, one statement each. PostgreSQL and SQL Server tables go in schema `hr`; MySQL in the test database. */
export function seedStatements(d: EngineDialect): string[] {
  const s = (v: string) => `${d === 'mssql' ? 'N' : ''}'${v.replace(/'/g, "''")}'`;
  const t = (name: string) => (d === 'mysql' ? q(d, name) : `hr.${q(d, name)}`);
  const text = d === 'postgres' ? 'text' : d === 'mssql' ? 'nvarchar(200)' : 'varchar(200)';
  const out: string[] = [];
  if (d !== 'mysql') out.push('CREATE SCHEMA hr');
  out.push(
    `CREATE TABLE ${t('employees')} (id integer PRIMARY KEY, full_name ${text}, ssn varchar(11), date_of_birth date, hire_date date, salary numeric(10,2))`,
    `CREATE TABLE ${t('card_payments')} (payment_id integer PRIMARY KEY, card_number varchar(19), amount numeric(10,2), paid_on date)`,
    `CREATE TABLE ${t('service_requests')} (request_id integer PRIMARY KEY, notes ${d === 'mssql' ? 'nvarchar(400)' : 'text'}, status varchar(20))`,
    `CREATE TABLE ${t('legacy_export')} (social_security_number varchar(11), batch_code varchar(10), amount numeric(10,2))`,
    `CREATE TABLE ${t(HOSTILE_TABLE)} (id integer PRIMARY KEY, ${q(d, HOSTILE_COLUMN)} varchar(11), label varchar(20))`,
  );
  const chunk = 300;
  for (let start = 0; start < ROWS; start += chunk) {
    const idx = Array.from({ length: Math.min(chunk, ROWS - start) }, (_, k) => start + k + 1);
    out.push(`INSERT INTO ${t('employees')} VALUES ${idx.map((i) => `(${i}, ${s(`Person ${i}`)}, ${s(ssnOf(i))}, ${s(dobOf(i))}, ${s(`20${10 + (i % 14)}-0${1 + (i % 9)}-15`)}, ${30000 + i})`).join(', ')}`);
    out.push(`INSERT INTO ${t('card_payments')} VALUES ${idx.map((i) => `(${i}, ${s(cardOf(i))}, ${(i % 300) + 0.5}, ${s(`2024-0${1 + (i % 9)}-1${i % 10}`)})`).join(', ')}`);
    out.push(`INSERT INTO ${t('service_requests')} VALUES ${idx.map((i) => `(${i}, ${s(NOTE(i))}, ${s(i % 3 ? 'open' : 'closed')})`).join(', ')}`);
    out.push(`INSERT INTO ${t('legacy_export')} VALUES ${idx.map((i) => `(${s(ssnOf(i + 7))}, ${s(`B${i % 40}`)}, ${i % 1000})`).join(', ')}`);
    out.push(`INSERT INTO ${t(HOSTILE_TABLE)} VALUES ${idx.map((i) => `(${i}, ${s(ssnOf(i + 3))}, ${s(`row ${i}`)})`).join(', ')}`);
  }
  if (d === 'mssql') return out; // row counts come from sys.partitions, exact without statistics
  out.push(d === 'postgres' ? 'ANALYZE' : `ANALYZE TABLE ${['employees', 'card_payments', 'service_requests', 'legacy_export', HOSTILE_TABLE].map((n) => q(d, n)).join(', ')}`);
  return out;
}
