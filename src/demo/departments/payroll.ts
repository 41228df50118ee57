/** Payroll: employees with SSNs and birth dates, direct deposit, pay stubs, W-4s, vendors with EINs/ITINs. */
import { createHash } from 'node:crypto';
import { email, person, phone, place, streetLine, zipPlus4 } from '../contacts.js';
import { WORKFORCE, birthDate, dateBetween, timestampBetween } from '../dates.js';
import { bankAccountNumber, ein, formatSsn, itin, pad, routingNumber, ssnDigits } from '../identifiers.js';
import type { DemoTable } from '../model.js';
import { buildTable, col, trap } from '../table.js';
import { CITY_EMAIL_DOMAIN } from '../vocab-places.js';
import { JOB_TITLES } from '../vocab-people.js';
import { PAYMENT_METHODS, VENDOR_NAMES } from '../vocab-services.js';

const schema = 'payroll';
const department = 'Finance - Payroll';
export const PAYROLL = { schema, name: department };

const EMPLOYEES = 1500;

/** Builds the department's tables. */
export function payroll(seed: number): DemoTable[] {
  const employees = buildTable(
    seed,
    {
      schema,
      department,
      name: 'employees',
      primaryKey: ['emp_id'],
      columns: [
        col('emp_id', 'int'),
        col('first_nm', 'varchar', { length: 40, labels: ['person_name'] }),
        col('last_nm', 'varchar', { length: 40, labels: ['person_name'] }),
        col('ss_num', 'char', { length: 11, labels: ['ssn'] }),
        col('ssn_hash', 'char', { length: 64, labels: ['ssn'] }),
        col('brth_dte', 'date', { labels: ['dob'] }),
        trap('hire_date', 'date', 'hire date, not a birth date'),
        col('job_title', 'varchar', { length: 40 }),
        col('dept_code', 'char', { length: 4 }),
        col('home_addr', 'varchar', { length: 120, labels: ['address'] }),
        col('home_zip', 'varchar', { length: 10, labels: ['address'] }) /* ZIP+4: an address component, never an SSN */,
        col('work_email', 'varchar', { length: 120, labels: ['email'] }),
        trap('annual_salary', 'decimal', 'amount', { precision: 10, scale: 2 }),
      ],
    },
    EMPLOYEES,
    (i, rng) => {
      const p = person(rng);
      const ssn = ssnDigits(rng);
      const dob = birthDate(rng, WORKFORCE);
      const earliestHire = `${Math.max(1985, Number(dob.slice(0, 4)) + 18)}-06-01`;
      return {
        emp_id: 10000 + i,
        first_nm: p.first,
        last_nm: p.last,
        ss_num: formatSsn(ssn),
        // NOTE: an unsalted hash of a 9-digit SSN is reversible by brute force: still an SSN.
        ssn_hash: createHash('sha256').update(ssn).digest('hex'),
        brth_dte: dob,
        hire_date: dateBetween(rng, earliestHire < '2026-09-30' ? earliestHire : '2020-01-01', '2026-09-30'),
        job_title: rng.pick(JOB_TITLES),
        dept_code: rng.pick(['FIN1', 'PW02', 'PR03', 'HS04', 'UT05', 'CT06', 'IT07', '3110']),
        home_addr: streetLine(rng),
        home_zip: zipPlus4(rng, place(rng).zip),
        work_email: email(rng, p, CITY_EMAIL_DOMAIN),
        annual_salary: rng.amount(28000, 145000),
      };
    },
  );

  const deposit = buildTable(
    seed,
    {
      schema,
      department,
      name: 'direct_deposit',
      primaryKey: ['deposit_id'],
      columns: [
        col('deposit_id', 'int'),
        col('emp_id', 'int'),
        col('rtng_nbr', 'char', { length: 9, labels: ['bank_routing'] }),
        col('bank_acct_no', 'varchar', { length: 17, labels: ['bank_account'] }),
        col('acct_type', 'char', { length: 3 }),
        trap('pct_alloc', 'decimal', 'percentage', { precision: 5, scale: 2 }),
        trap('created_at', 'timestamp', 'record timestamp'),
      ],
    },
    EMPLOYEES,
    (i, rng) => ({
      deposit_id: i,
      emp_id: 10000 + i,
      rtng_nbr: routingNumber(rng),
      bank_acct_no: bankAccountNumber(rng),
      acct_type: rng.chance(0.8) ? 'CHK' : 'SAV',
      pct_alloc: rng.chance(0.85) ? 100 : rng.pick([50, 75, 25, 90]),
      created_at: timestampBetween(rng, '2015-01-01', '2026-10-01'),
    }),
  );

  const stubs = buildTable(
    seed,
    {
      schema,
      department,
      name: 'pay_stubs',
      primaryKey: ['stub_id'],
      columns: [
        col('stub_id', 'bigint'),
        col('emp_id', 'int'),
        trap('pay_period_end', 'date', 'pay period date'),
        trap('gross_pay', 'decimal', 'amount', { precision: 10, scale: 2 }),
        trap('net_pay', 'decimal', 'amount', { precision: 10, scale: 2 }),
        trap('fed_tax_withheld', 'decimal', 'amount', { precision: 10, scale: 2 }),
        trap('check_number', 'varchar', 'sequential check number', { length: 10 }),
      ],
    },
    3000,
    (i, rng) => {
      const gross = rng.amount(900, 6200);
      const tax = Math.round(gross * (0.08 + rng.next() * 0.12) * 100) / 100;
      return {
        stub_id: 2024000000 + i,
        emp_id: 10000 + rng.int(1, EMPLOYEES),
        pay_period_end: dateBetween(rng, '2024-01-01', '2026-10-31'),
        gross_pay: gross,
        net_pay: Math.round((gross - tax - gross * 0.0765) * 100) / 100,
        fed_tax_withheld: tax,
        check_number: String(700000 + i),
      };
    },
  );

  const w4 = buildTable(
    seed,
    {
      schema,
      department,
      name: 'w4_elections',
      primaryKey: ['emp_id'],
      columns: [
        col('emp_id', 'int'),
        col('filing_status', 'varchar', { length: 24 }),
        col('dependents_amt', 'decimal', { precision: 8, scale: 2 }),
        trap('extra_withholding', 'decimal', 'amount', { precision: 8, scale: 2 }),
        trap('ssn_on_file', 'bool', 'a yes/no flag, not an SSN'),
        trap('signed_date', 'date', 'form date, not a birth date'),
      ],
    },
    EMPLOYEES,
    (i, rng) => ({
      emp_id: 10000 + i,
      filing_status: rng.pick(['single', 'married_joint', 'head_of_household']),
      dependents_amt: rng.pick([0, 0, 0, 2000, 4000, 6000]),
      extra_withholding: rng.chance(0.85) ? 0 : rng.amount(10, 200),
      ssn_on_file: rng.chance(0.97),
      signed_date: dateBetween(rng, '2020-01-01', '2026-10-01'),
    }),
  );

  const vendors = buildTable(
    seed,
    {
      schema,
      department,
      name: 'vendors',
      primaryKey: ['vendor_id'],
      columns: [
        col('vendor_id', 'int'),
        col('vendor_name', 'varchar', { length: 80 }),
        col('tax_id', 'varchar', { length: 11, labels: ['tax_id'] }),
        col('contact_name', 'varchar', { length: 80, labels: ['person_name'] }),
        col('contact_phone', 'varchar', { length: 20, labels: ['phone'] }),
        col('remit_address', 'varchar', { length: 160, labels: ['address'] }),
        col('is_sole_proprietor', 'bool'),
      ],
    },
    300,
    (i, rng) => {
      const sole = rng.chance(0.2);
      const p = person(rng);
      const pl = place(rng);
      return {
        vendor_id: 500 + i,
        vendor_name: sole ? `${p.first} ${p.last} ${rng.pick(['Lawn Care', 'Consulting', 'Interpreting', 'Photography'])}` : `${rng.pick(VENDOR_NAMES)} #${pad(i, 3)}`,
        // NOTE: sole proprietors without an SSN file with an ITIN (9XX-7X-XXXX); companies with an EIN.
        tax_id: sole ? itin(rng) : ein(rng),
        contact_name: `${p.first} ${p.last}`,
        contact_phone: phone(rng),
        remit_address: `${streetLine(rng)}, ${pl.city}, ${pl.state} ${pl.zip}`,
        is_sole_proprietor: sole,
      };
    },
  );

  const invoices = buildTable(
    seed,
    {
      schema,
      department,
      name: 'vendor_invoices',
      primaryKey: ['invoice_no'],
      columns: [
        trap('invoice_no', 'varchar', 'invoice number', { length: 20 }),
        col('vendor_id', 'int'),
        trap('invoice_date', 'date', 'invoice date'),
        trap('amount', 'decimal', 'amount', { precision: 12, scale: 2 }),
        trap('payment_method', 'varchar', 'payment method code (VISA/ACH/CASH), not a card number', { length: 12 }),
        trap('po_number', 'bigint', 'random 12-16 digit purchase-order number, not a card number'),
      ],
    },
    2000,
    (i, rng) => ({
      invoice_no: `INV-${rng.int(2022, 2026)}-${pad(i, 6)}`,
      vendor_id: 500 + rng.int(1, 300),
      invoice_date: dateBetween(rng, '2022-01-01', '2026-10-31'),
      amount: rng.amount(45, 250000),
      payment_method: rng.pick(PAYMENT_METHODS),
      // NOTE: a digit string: 16-digit values exceed JavaScript's exact integer range.
      po_number: String(rng.int(1, 9)) + rng.digits(rng.int(11, 15)),
    }),
  );

  return [employees, deposit, stubs, w4, vendors, invoices];
}
