/** Parks & Recreation: program registrations that stored full card numbers, bookings, concessions. */
import { email, fullName, person, phone } from '../contacts.js';
import { CHILDREN, POPULATION, birthDate, dateBetween, timestampBetween } from '../dates.js';
import { cardNumber, formatCard, pad } from '../identifiers.js';
import type { DemoTable } from '../model.js';
import { buildTable, col, maybe, trap } from '../table.js';
import { CONCESSION_PRODUCTS, FACILITIES, PROGRAMS } from '../vocab-services.js';

const schema = 'parks_rec';
const department = 'Parks & Recreation';
export const PARKS_REC = { schema, name: department };

/** Builds the department's tables. */
export function parksRec(seed: number): DemoTable[] {
  const registrations = buildTable(
    seed,
    {
      schema,
      department,
      name: 'program_registrations',
      primaryKey: ['registration_id'],
      columns: [
        col('registration_id', 'int'),
        col('participant_name', 'varchar', { length: 80, labels: ['person_name'] }),
        col('participant_dob', 'date', { labels: ['dob'] }),
        col('guardian_email', 'varchar', { length: 120, labels: ['email'] }),
        col('program_code', 'varchar', { length: 12 }),
        trap('session_start', 'date', 'event date, not a birth date'),
        trap('payment_method', 'varchar', 'payment method code, not a card number', { length: 12 }),
        col('card_number', 'varchar', { length: 19, labels: ['credit_card'] }),
        trap('card_exp', 'char', 'card expiry MM/YY, not a card number', { length: 5 }),
        trap('cvv_required', 'bool', 'a yes/no flag, not a card security code'),
        trap('amount_paid', 'decimal', 'amount', { precision: 8, scale: 2 }),
      ],
    },
    2500,
    (i, rng) => {
      const p = person(rng);
      const [code] = rng.pick(PROGRAMS);
      const senior = code.startsWith('SR') || code.startsWith('YOGA') || code.startsWith('PICKLE');
      const byCard = rng.chance(0.75);
      const pan = cardNumber(rng);
      const shape = rng.next();
      return {
        registration_id: i,
        participant_name: `${p.first} ${p.last}`,
        participant_dob: birthDate(rng, senior ? POPULATION.slice(1) : CHILDREN),
        guardian_email: maybe(rng, 0.1, email(rng, senior ? p : undefined)),
        program_code: code,
        session_start: dateBetween(rng, '2022-01-01', '2027-06-30'),
        payment_method: byCard ? (pan.startsWith('4') ? 'VISA' : pan.startsWith('3') ? 'AMEX' : pan.startsWith('6') ? 'DISC' : 'MC') : rng.pick(['CASH', 'CHECK']),
        // NOTE: the old registration form kept the full PAN, as typed: mostly bare digits, some grouped.
        card_number: byCard ? (shape < 0.7 ? pan : formatCard(pan, shape < 0.85 ? ' ' : '-')) : null,
        card_exp: byCard ? `${pad(rng.int(1, 12), 2)}/${rng.int(24, 31)}` : null,
        cvv_required: rng.chance(0.9),
        amount_paid: rng.pick([25, 35, 40, 60, 75, 120, 185]),
      };
    },
  );

  const bookings = buildTable(
    seed,
    {
      schema,
      department,
      name: 'facility_bookings',
      primaryKey: ['booking_id'],
      columns: [
        col('booking_id', 'int'),
        col('facility_name', 'varchar', { length: 60 }),
        col('booked_by', 'varchar', { length: 80, labels: ['person_name'] }),
        col('contact_phone', 'varchar', { length: 20, labels: ['phone'] }),
        trap('event_date', 'date', 'event date, not a birth date'),
        trap('attendees', 'int', 'head count'),
        trap('deposit_amount', 'decimal', 'amount', { precision: 8, scale: 2 }),
        trap('confirmation_no', 'bigint', 'random 12-16 digit confirmation number, not a card number'),
      ],
    },
    1200,
    (i, rng) => ({
      booking_id: i,
      facility_name: rng.pick(FACILITIES),
      booked_by: fullName(rng),
      contact_phone: phone(rng),
      event_date: dateBetween(rng, '2021-03-01', '2027-10-31'),
      attendees: rng.int(10, 400),
      deposit_amount: rng.pick([50, 100, 150, 250, 500]),
      confirmation_no: String(rng.int(1, 9)) + rng.digits(rng.int(11, 15)),
    }),
  );

  const concessions = buildTable(
    seed,
    {
      schema,
      department,
      name: 'concession_sales',
      primaryKey: ['sale_id'],
      columns: [
        col('sale_id', 'int'),
        trap('product_name', 'varchar', 'a product, not a person name', { length: 60 }),
        col('quantity', 'int'),
        trap('unit_price', 'decimal', 'amount', { precision: 6, scale: 2 }),
        trap('sold_at', 'timestamp', 'event timestamp'),
        col('register_id', 'varchar', { length: 8 }),
        trap('payment_method', 'varchar', 'payment method code', { length: 12 }),
      ],
    },
    1500,
    (i, rng) => ({
      sale_id: i,
      product_name: rng.pick(CONCESSION_PRODUCTS),
      quantity: rng.int(1, 6),
      unit_price: rng.pick([1.5, 2, 2.5, 3, 3.75, 4, 5, 8.5]),
      sold_at: timestampBetween(rng, '2024-05-25', '2026-09-07'),
      register_id: `REG-${rng.int(1, 12)}`,
      payment_method: rng.pick(['CASH', 'VISA', 'MC', 'TAP']),
    }),
  );

  return [registrations, bookings, concessions];
}
