/** Values that are not personal data but look like it: the traps a scanner must leave alone. */
import type { Rng } from './random.js';
import { AS_OF, isoDate } from './values-people.js';

const DAY = 86_400_000;

/** A date between `fromDays` and `toDays` from the corpus reference date (negative = past). */
export function dateAround(r: Rng, fromDays: number, toDays: number): string {
  return isoDate(AS_OF + r.int(fromDays, toDays) * DAY);
}

/** A timestamp `YYYY-MM-DD HH:MM:SS` in a window of days around the reference date. */
export function timestampAround(r: Rng, fromDays: number, toDays: number): string {
  const ms = AS_OF + r.int(fromDays, toDays) * DAY + r.int(0, 86_399) * 1000;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** A 5-digit ZIP, or ZIP+4 as `64105-1234` or `641051234`. */
export function zip(r: Rng, plus4: 'none' | 'dashed' | 'plain' = 'none'): string {
  const z = r.pick(['641', '640', '662', '660', '802', '631', '672', '681']) + r.digits(2);
  if (plus4 === 'none') return z;
  return plus4 === 'dashed' ? `${z}-${r.digits(4)}` : z + r.digits(4);
}

/** A long numeric order reference: uniformly random digits, no checksum bias. */
export function orderNumber(r: Rng, minLen = 12, maxLen = 19): string {
  const len = r.int(minLen, maxLen);
  return String(r.int(1, 9)) + r.digits(len - 1);
}

/** A random 9-digit id (customer, member, case): not an SSN, but shaped like one. */
export function nineDigitId(r: Rng): string {
  return String(r.int(100_000_000, 999_999_999));
}

/** An invoice id such as `INV-2024-004512`. */
export function invoiceId(r: Rng): string {
  return `INV-${r.int(2019, 2026)}-${r.digits(6)}`;
}

/** An amount with cents, as text. */
export function amount(r: Rng, max = 5000): string {
  return (r.int(100, max * 100) / 100).toFixed(2);
}

/** A v4-shaped UUID. */
export function uuid(r: Rng): string {
  const h = r.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[r.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`;
}

/** A version string like `10.2.3.4` (four parts, so many are valid IPv4 addresses). */
export function version(r: Rng): string {
  const build = r.chance(0.6) ? r.int(0, 255) : r.int(256, 9999);
  return `${r.int(1, 12)}.${r.int(0, 20)}.${r.int(0, 30)}.${build}`;
}

/** A username: short, lower case, often built from a name. */
export function username(r: Rng, first: string, last: string): string {
  const f = first.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  const l = last.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  return r.weighted([
    [`${f[0]}${l}`, 3],
    [`${f}${r.int(1, 999)}`, 2],
    [`${l}${f[0]}${r.int(1, 9)}`, 1],
    [`${r.pick(['svc', 'app', 'etl', 'batch'])}_${r.pick(['gis', 'billing', 'court', 'parks', 'rpt'])}`, 1],
  ] as const);
}

export const PRODUCTS = [
  'Asphalt cold patch 50 lb', 'LED streetlight 150W', 'Fire hydrant repair kit', 'Traffic cone 28 in', 'Water meter 5/8 in',
  'Recycling cart 96 gal', 'Park bench (recycled plastic)', 'Road salt bulk ton', 'Hi-vis vest class 3', 'Radio battery pack',
  'Chlorine tablets 3 in', 'Sewer camera rental', 'Snow plow blade edge', 'Playground mulch cu yd', 'Parking meter head',
  'Nitrile gloves (box of 100)', 'Toner cartridge HP 26A', 'Laptop Dell Latitude 5440', 'Body camera mount', 'Paint, traffic yellow 5 gal',
];
export const STATUSES = ['ACTIVE', 'PENDING', 'CLOSED', 'OPEN', 'ON_HOLD', 'CANCELLED', 'APPROVED', 'DENIED'];
export const COUNTRIES = ['US', 'US', 'US', 'US', 'CA', 'MX', 'DE', 'GB', 'IN', 'PH', 'VN', 'NG', 'FR', 'BR'];
export const STATES = ['MO', 'KS', 'MO', 'MO', 'CO', 'NE', 'OK', 'IA', 'IL', 'TX', 'CA', 'NY'];
export const DEPARTMENTS = ['Public Works', 'Water Services', 'Parks and Recreation', 'Finance', 'Health', 'Municipal Court', 'Police', 'Fire', 'IT', 'Neighborhood Services'];
export const COMPANIES = ['Acme Paving LLC', 'Midwest Pipe & Supply', 'Heartland Uniforms Inc', 'Prairie IT Services', 'Blue River Concrete', 'Summit Fleet Co', 'KC Office Depot', 'Crown Lighting Corp', 'Riverside Landscaping', 'Metro Towing'];

/** A file name as document systems store them. */
export function fileName(r: Rng): string {
  return `${r.pick(['scan', 'invoice', 'permit', 'photo', 'report', 'export'])}_${dateAround(r, -900, 0).replace(/-/g, '')}_${r.digits(4)}.${r.pick(['pdf', 'jpg', 'png', 'csv', 'docx'])}`;
}

/** A lowercase hex digest of `n` hex characters (64 for sha256). */
export function hexDigest(r: Rng, n = 64): string {
  return r.hex(n);
}
