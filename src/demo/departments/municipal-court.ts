/** Municipal court: defendants with driver's licenses, birth dates and addresses; citations, payments, passports. */
import { person, place, streetLine } from '../contacts.js';
import { DEFENDANTS, birthDate, dateBetween, timestampBetween, addDays } from '../dates.js';
import { cardNumber, driversLicense, pad, passportNumber } from '../identifiers.js';
import type { DemoTable } from '../model.js';
import { buildTable, col, maybe, trap } from '../table.js';
import { VIOLATIONS } from '../vocab-services.js';

const schema = 'municipal_court';
const department = 'Municipal Court';
export const MUNICIPAL_COURT = { schema, name: department };

const DEFENDANT_COUNT = 2000;
const CITATIONS = 3000;

function citationNo(i: number): string {
  return `KC${22 + (i % 5)}-${pad(i, 7)}`;
}

/** Builds the department's tables. */
export function municipalCourt(seed: number): DemoTable[] {
  const defendants = buildTable(
    seed,
    {
      schema,
      department,
      name: 'defendants',
      primaryKey: ['defendant_id'],
      columns: [
        col('defendant_id', 'int'),
        col('def_first_name', 'varchar', { length: 40, labels: ['person_name'] }),
        col('def_last_name', 'varchar', { length: 40, labels: ['person_name'] }),
        col('dob', 'date', { labels: ['dob'] }),
        col('dl_no', 'varchar', { length: 16, labels: ['drivers_license'] }),
        col('dl_state', 'char', { length: 2 }),
        col('street_addr', 'varchar', { length: 120, labels: ['address'] }),
        col('city', 'varchar', { length: 40, labels: ['address'] }),
        col('zip5', 'char', { length: 5, labels: ['address'] }),
        trap('ssn_on_file', 'char', 'a Y/N flag, not an SSN', { length: 1 }),
        // Not a category of its own, but with dob and zip5 a quasi-identifier set (re-identification risk).
        col('sex', 'char', { length: 1 }),
      ],
    },
    DEFENDANT_COUNT,
    (i, rng) => {
      const p = person(rng);
      const pl = place(rng);
      const dlState = rng.weighted([['MO', 70], ['KS', 15], ['CO', 10], ['IL', 5]]);
      return {
        defendant_id: i,
        def_first_name: p.first,
        def_last_name: p.last,
        dob: birthDate(rng, DEFENDANTS),
        dl_no: maybe(rng, 0.1, driversLicense(rng, dlState)),
        dl_state: dlState,
        street_addr: streetLine(rng),
        city: pl.city,
        zip5: pl.zip,
        ssn_on_file: rng.chance(0.4) ? 'Y' : 'N',
        sex: rng.weighted([['M', 62], ['F', 36], ['X', 2]]),
      };
    },
  );

  const citations = buildTable(
    seed,
    {
      schema,
      department,
      name: 'citations',
      primaryKey: ['citation_no'],
      columns: [
        trap('citation_no', 'varchar', 'citation number', { length: 16 }),
        col('defendant_id', 'int'),
        col('violation_code', 'varchar', { length: 10 }),
        col('violation_desc', 'varchar', { length: 60 }),
        trap('issued_date', 'date', 'event date, not a birth date'),
        trap('court_date', 'date', 'event date'),
        trap('fine_amount', 'decimal', 'amount', { precision: 8, scale: 2 }),
        trap('officer_badge', 'int', 'badge number'),
      ],
    },
    CITATIONS,
    (i, rng) => {
      const [code, desc] = rng.pick(VIOLATIONS);
      const issued = dateBetween(rng, '2022-01-01', '2026-10-15');
      return {
        citation_no: citationNo(i),
        defendant_id: rng.int(1, DEFENDANT_COUNT),
        violation_code: code,
        violation_desc: desc,
        issued_date: issued,
        court_date: addDays(issued, rng.int(21, 90)),
        fine_amount: rng.pick([50, 75, 100, 125, 150, 225, 300, 500]),
        officer_badge: rng.int(1000, 4999),
      };
    },
  );

  const payments = buildTable(
    seed,
    {
      schema,
      department,
      name: 'court_payments',
      primaryKey: ['payment_id'],
      columns: [
        col('payment_id', 'int'),
        col('citation_no', 'varchar', { length: 16 }),
        trap('paid_at', 'timestamp', 'event timestamp'),
        trap('amount', 'decimal', 'amount', { precision: 8, scale: 2 }),
        trap('payment_method', 'varchar', 'payment method code, not a card number', { length: 12 }),
        trap('card_last4', 'char', 'last four digits only, not a card number', { length: 4 }),
      ],
    },
    2000,
    (i, rng) => {
      const method = rng.pick(['VISA', 'MC', 'AMEX', 'DISC', 'CASH', 'MONEY_ORDER', 'CHECK']);
      const card = ['VISA', 'MC', 'AMEX', 'DISC'].includes(method);
      return {
        payment_id: i,
        citation_no: citationNo(rng.int(1, CITATIONS)),
        paid_at: timestampBetween(rng, '2022-02-01', '2026-10-31'),
        amount: rng.pick([50, 75, 100, 125, 150, 225, 300, 500, 25, 40]),
        payment_method: method,
        card_last4: card ? cardNumber(rng).slice(-4) : null,
      };
    },
  );

  const documents = buildTable(
    seed,
    {
      schema,
      department,
      name: 'identity_documents',
      primaryKey: ['doc_id'],
      columns: [
        col('doc_id', 'int'),
        col('defendant_id', 'int'),
        col('passport_num', 'varchar', { length: 12, labels: ['passport'] }),
        col('issuing_country', 'char', { length: 2 }),
        trap('expires_on', 'date', 'document expiry, not a birth date'),
        trap('verified_at', 'timestamp', 'record timestamp'),
      ],
    },
    800,
    (i, rng) => {
      const country = rng.weighted([['US', 75], ['MX', 12], ['CA', 5], ['GB', 4], ['DE', 4]]);
      return {
        doc_id: i,
        defendant_id: rng.int(1, DEFENDANT_COUNT),
        passport_num: passportNumber(rng, country),
        issuing_country: country,
        expires_on: dateBetween(rng, '2026-01-01', '2036-12-31'),
        verified_at: timestampBetween(rng, '2022-01-01', '2026-10-31'),
      };
    },
  );

  return [defendants, citations, payments, documents];
}
