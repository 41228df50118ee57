/** Public works: permits, fleet, work orders with long numeric references, and an inventory. */
import { fullName, phone, place, streetLine, zipPlus4 } from '../contacts.js';
import { dateBetween } from '../dates.js';
import { pad } from '../identifiers.js';
import type { DemoTable } from '../model.js';
import type { Rng } from '../prng.js';
import { buildTable, col, trap } from '../table.js';
import { CREWS, INVENTORY_PRODUCTS } from '../vocab-services.js';

const schema = 'public_works';
const department = 'Public Works';
export const PUBLIC_WORKS = { schema, name: department };

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const VIN_VALUES: Record<string, number> = Object.fromEntries(
  [...'ABCDEFGH'].map((c, i) => [c, i + 1] as const)
    .concat([...'JKLMN'].map((c, i) => [c, i + 1] as const), [['P', 7], ['R', 9]])
    .concat([...'STUVWXYZ'].map((c, i) => [c, i + 2] as const))
    .concat([...'0123456789'].map((c, i) => [c, i] as const)),
);
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** A 17-character VIN with a correct check digit (position 9). */
function vin(rng: Rng): string {
  const chars = Array.from({ length: 17 }, () => VIN_CHARS[rng.int(0, VIN_CHARS.length - 1)]!);
  chars[0] = rng.pick(['1', '2', '3']);
  const sum = chars.reduce((s, c, i) => s + VIN_VALUES[c]! * VIN_WEIGHTS[i]!, 0);
  const check = sum % 11;
  chars[8] = check === 10 ? 'X' : String(check);
  return chars.join('');
}

/** Builds the department's tables. */
export function publicWorks(seed: number): DemoTable[] {
  const permits = buildTable(
    seed,
    {
      schema,
      department,
      name: 'permits',
      primaryKey: ['permit_no'],
      columns: [
        trap('permit_no', 'varchar', 'permit number', { length: 16 }),
        col('permit_type', 'varchar', { length: 30 }),
        col('applicant_name', 'varchar', { length: 80, labels: ['person_name'] }),
        col('applicant_phone', 'varchar', { length: 20, labels: ['phone'] }),
        col('site_address', 'varchar', { length: 120, labels: ['address'] }),
        col('site_zip', 'varchar', { length: 10, labels: ['address'] }) /* ZIP+4: an address component, never an SSN */,
        trap('contractor_lic_no', 'varchar', "a contractor's trade license, not a driver's license", { length: 16 }),
        trap('issued_on', 'date', 'event date, not a birth date'),
        trap('fee', 'decimal', 'amount', { precision: 8, scale: 2 }),
      ],
    },
    1500,
    (i, rng) => ({
      permit_no: `PW-${rng.int(2019, 2026)}-${pad(i, 5)}`,
      permit_type: rng.pick(['Right-of-way', 'Sidewalk', 'Driveway approach', 'Street cut', 'Dumpster placement', 'Block party']),
      applicant_name: fullName(rng),
      applicant_phone: phone(rng),
      site_address: streetLine(rng),
      site_zip: zipPlus4(rng, place(rng).zip),
      contractor_lic_no: rng.chance(0.3) ? null : `${rng.pick(['GC', 'EL', 'PL', 'ME'])}-${pad(rng.int(100, 99999), 5)}`,
      issued_on: dateBetween(rng, '2019-01-01', '2026-10-31'),
      fee: rng.pick([25, 50, 75, 150, 300]),
    }),
  );

  const fleet = buildTable(
    seed,
    {
      schema,
      department,
      name: 'fleet_vehicles',
      primaryKey: ['vehicle_id'],
      columns: [
        col('vehicle_id', 'int'),
        trap('asset_tag', 'int', 'sequential 9-digit asset tag starting with 9: fails the SSA area rule, not an SSN'),
        trap('vin', 'char', 'a city vehicle identification number, not a personal id', { length: 17 }),
        col('make_model', 'varchar', { length: 40 }),
        col('assigned_driver', 'varchar', { length: 80, labels: ['person_name'] }),
        col('odometer', 'int'),
        trap('purchase_date', 'date', 'purchase date, not a birth date'),
      ],
    },
    300,
    (i, rng) => ({
      vehicle_id: i,
      asset_tag: 900000000 + i * 7,
      vin: vin(rng),
      make_model: rng.pick(['Ford F-250', 'Ford F-550 Dump', 'Chevrolet Silverado 2500', 'International HV Plow', 'Ford Transit', 'Freightliner M2 Sweeper']),
      assigned_driver: rng.chance(0.2) ? null : fullName(rng),
      odometer: rng.int(800, 240000),
      purchase_date: dateBetween(rng, '2008-01-01', '2026-08-31'),
    }),
  );

  const workOrders = buildTable(
    seed,
    {
      schema,
      department,
      name: 'work_orders',
      primaryKey: ['work_order_no'],
      columns: [
        trap('work_order_no', 'varchar', 'random 12-16 digit work-order number, not a card number', { length: 16 }),
        trap('asset_tag', 'int', '9-digit asset tag starting with 9: not an SSN'),
        trap('opened_on', 'date', 'event date, not a birth date'),
        col('crew', 'varchar', { length: 20 }),
        col('description', 'text'),
        trap('labor_hours', 'decimal', 'amount', { precision: 6, scale: 2 }),
      ],
    },
    2000,
    (i, rng) => ({
      // NOTE: the row index leads so keys stay unique; the tail is random digits (not Luhn-biased).
      work_order_no: pad(i, 4) + rng.digits(rng.int(8, 12)),
      asset_tag: 900000000 + rng.int(1, 300) * 7,
      opened_on: dateBetween(rng, '2021-01-01', '2026-10-31'),
      crew: rng.pick(CREWS),
      description: rng.pick([
        'Replace damaged stop sign',
        'Patch potholes along the corridor',
        'Repair water service leak at the meter pit',
        'Clear storm drain inlet',
        'Trim trees blocking signal visibility',
        'Re-stripe crosswalk',
        'Replace streetlight head with LED',
        'Haul illegal dumping debris',
      ]),
      labor_hours: Math.round(rng.next() * 40 * 4) / 4,
    }),
  );

  const inventory = buildTable(
    seed,
    {
      schema,
      department,
      name: 'inventory_items',
      primaryKey: ['item_id'],
      columns: [
        col('item_id', 'int'),
        col('sku', 'varchar', { length: 16 }),
        trap('product_name', 'varchar', 'a product, not a person name', { length: 60 }),
        trap('unit_cost', 'decimal', 'amount', { precision: 10, scale: 2 }),
        col('qty_on_hand', 'int'),
        col('warehouse', 'varchar', { length: 20 }),
      ],
    },
    800,
    (i, rng) => ({
      item_id: i,
      sku: `SKU-${pad(rng.int(1, 99999), 5)}`,
      product_name: rng.pick(INVENTORY_PRODUCTS),
      unit_cost: rng.amount(2, 4500),
      qty_on_hand: rng.int(0, 900),
      warehouse: rng.pick(['Central', 'North Yard', 'South Yard', 'Water Plant']),
    }),
  );

  return [permits, fleet, workOrders, inventory];
}
