/** Water & power utility: customers, autopay bank accounts (IBANs for a few foreign customers), meters, portal logins. */
import { email, fullName, ipAddress, person, phone, place, streetLine, zipPlus4 } from '../contacts.js';
import { timestampBetween } from '../dates.js';
import { bankAccountNumber, iban, routingNumber } from '../identifiers.js';
import type { DemoTable } from '../model.js';
import { hash32 } from '../prng.js';
import { buildTable, col, maybe, trap } from '../table.js';
import { FOREIGN_COUNTRIES } from '../vocab-places.js';

const schema = 'utilities';
const department = 'Water Services';
export const UTILITIES = { schema, name: department };

const CUSTOMERS = 2500;

/** About 4% of customers live abroad (owners of rental property) and pay from a foreign bank. */
function foreignCountry(custId: number): string | null {
  const h = hash32(`utilities.customer.${custId}`);
  return h % 25 === 0 ? FOREIGN_COUNTRIES[(h >>> 8) % FOREIGN_COUNTRIES.length]! : null;
}

/** Builds the department's tables. */
export function utilities(seed: number): DemoTable[] {
  const customers = buildTable(
    seed,
    {
      schema,
      department,
      name: 'customers',
      primaryKey: ['cust_id'],
      columns: [
        col('cust_id', 'int'),
        col('acct_holder_name', 'varchar', { length: 80, labels: ['person_name'] }),
        col('service_address', 'varchar', { length: 120, labels: ['address'] }),
        col('service_zip', 'varchar', { length: 10, labels: ['address'] }) /* ZIP+4: an address component, never an SSN */,
        col('billing_email', 'varchar', { length: 120, labels: ['email'] }),
        col('mobile_phone', 'varchar', { length: 20, labels: ['phone'] }),
        col('country', 'char', { length: 2 }),
        trap('created_at', 'timestamp', 'record timestamp'),
      ],
    },
    CUSTOMERS,
    (i, rng) => {
      const p = person(rng);
      return {
        cust_id: i,
        acct_holder_name: fullName(rng, p),
        service_address: streetLine(rng),
        service_zip: zipPlus4(rng, place(rng).zip),
        billing_email: maybe(rng, 0.3, email(rng, p)),
        mobile_phone: maybe(rng, 0.2, phone(rng)),
        country: foreignCountry(i) ?? 'US',
        created_at: timestampBetween(rng, '2008-01-01', '2026-10-31'),
      };
    },
  );

  const autopay = buildTable(
    seed,
    {
      schema,
      department,
      name: 'autopay_accounts',
      primaryKey: ['autopay_id'],
      columns: [
        col('autopay_id', 'int'),
        col('cust_id', 'int'),
        col('routing_number', 'char', { length: 9, labels: ['bank_routing'] }),
        col('bankAcctNum', 'varchar', { length: 34, labels: ['bank_account'] }),
        col('intl_iban', 'varchar', { length: 34, labels: ['bank_account'] }),
        trap('payment_method', 'varchar', 'payment method code', { length: 12 }),
        trap('enrolled_at', 'timestamp', 'record timestamp'),
      ],
    },
    2000,
    (i, rng) => {
      const country = foreignCountry(i);
      return {
        autopay_id: i,
        cust_id: i,
        routing_number: country ? null : routingNumber(rng),
        bankAcctNum: country ? null : bankAccountNumber(rng),
        intl_iban: country ? iban(rng, country) : null,
        payment_method: country ? 'SEPA' : 'ACH',
        enrolled_at: timestampBetween(rng, '2012-01-01', '2026-10-31'),
      };
    },
  );

  const water = buildTable(
    seed,
    {
      schema,
      department,
      name: 'water_quality_samples',
      primaryKey: ['sample_id'],
      columns: [
        col('sample_id', 'int'),
        col('site_code', 'varchar', { length: 10 }),
        trap('sampled_at', 'timestamp', 'event timestamp'),
        trap('acid_level', 'decimal', 'pH reading; "acid" is not "cid"', { precision: 4, scale: 2 }),
        col('chlorine_ppm', 'decimal', { precision: 5, scale: 2 }),
        col('turbidity_ntu', 'decimal', { precision: 5, scale: 2 }),
        trap('lab_tech_username', 'varchar', 'login name, not a person name', { length: 32 }),
      ],
    },
    1500,
    (i, rng) => ({
      sample_id: i,
      site_code: `WQ-${rng.pick(['N', 'S', 'E', 'W', 'C'])}${rng.int(1, 40)}`,
      sampled_at: timestampBetween(rng, '2023-01-01', '2026-10-31'),
      acid_level: Math.round((6.6 + rng.next() * 1.9) * 100) / 100,
      chlorine_ppm: Math.round((0.2 + rng.next() * 3.5) * 100) / 100,
      turbidity_ntu: Math.round(rng.next() * 1.2 * 100) / 100,
      lab_tech_username: rng.pick(['labtech01', 'labtech02', 'wq_night', 'jmorales', 'kpatel', 'lab_sampler']),
    }),
  );

  const meters = buildTable(
    seed,
    {
      schema,
      department,
      name: 'meter_reads',
      primaryKey: ['read_id'],
      columns: [
        col('read_id', 'bigint'),
        trap('meter_serial', 'char', '9-digit meter serial starting with 9: fails the SSA area rule, not an SSN', { length: 9 }),
        col('cust_id', 'int'),
        trap('read_at', 'timestamp', 'event timestamp'),
        col('usage_gal', 'decimal', { precision: 10, scale: 1 }),
        col('estimated', 'bool'),
      ],
    },
    3000,
    (i, rng) => {
      const cust = rng.int(1, CUSTOMERS);
      return {
        read_id: 5000000000 + i,
        meter_serial: `9${String(10000000 + cust * 37).slice(-8)}`,
        cust_id: cust,
        read_at: timestampBetween(rng, '2025-01-01', '2026-10-31'),
        usage_gal: Math.round(rng.next() * 12000 * 10) / 10,
        estimated: rng.chance(0.07),
      };
    },
  );

  const logins = buildTable(
    seed,
    {
      schema,
      department,
      name: 'portal_logins',
      primaryKey: ['login_id'],
      columns: [
        col('login_id', 'int'),
        trap('username', 'varchar', 'login name, not a person name', { length: 40 }),
        col('login_ip', 'varchar', { length: 45, labels: ['ip_address'] }),
        col('user_agent', 'varchar', { length: 120 }),
        trap('logged_in_at', 'timestamp', 'event timestamp'),
        col('success', 'bool'),
      ],
    },
    3000,
    (i, rng) => {
      const p = person(rng);
      const user = `${p.first.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}${rng.pick(['', '_', '.'])}${rng.int(1, 999)}`;
      return {
        login_id: i,
        username: user,
        login_ip: ipAddress(rng),
        user_agent: rng.pick([
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/128.0',
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1',
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15',
          'Mozilla/5.0 (Linux; Android 14) Chrome/127.0 Mobile',
          'KCWater/4.2 (iOS)',
        ]),
        logged_in_at: timestampBetween(rng, '2025-06-01', '2026-10-31'),
        success: rng.chance(0.93),
      };
    },
  );

  return [customers, autopay, water, meters, logins];
}
