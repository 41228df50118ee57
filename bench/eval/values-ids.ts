/** Government and financial identifiers, valid by their issuers' rules, in the formats found in real tables. */
import type { Rng } from './random.js';
import { abaCheckDigit, EIN_PREFIXES, ibanCheckDigits, luhnCheckDigit } from './checks.js';

const ADVERTISED_SSNS = new Set(['078051120', '219099999', '123456789', '111111111', '457555462']);

/** A valid SSN (SSA rules, not a known advertising number). */
export function ssn(r: Rng, format: 'dashed' | 'plain' | 'spaced' = 'dashed'): string {
  for (;;) {
    const area = r.int(1, 899);
    if (area === 666) continue;
    const group = r.int(1, 99);
    const serial = r.int(1, 9999);
    const a = String(area).padStart(3, '0');
    const g = String(group).padStart(2, '0');
    const s = String(serial).padStart(4, '0');
    if (ADVERTISED_SSNS.has(a + g + s)) continue;
    if (format === 'plain') return a + g + s;
    return format === 'spaced' ? `${a} ${g} ${s}` : `${a}-${g}-${s}`;
  }
}

/** A valid ITIN, 9XX-YY-ZZZZ with a group in the IRS ranges. */
export function itin(r: Rng, dashed = true): string {
  const groups = [...range(50, 65), ...range(70, 88), ...range(90, 92), ...range(94, 99)];
  const v = `9${r.digits(2)}${r.pick(groups)}${String(r.int(1, 9999)).padStart(4, '0')}`;
  return dashed ? `${v.slice(0, 3)}-${v.slice(3, 5)}-${v.slice(5)}` : v;
}

/** An EIN with an IRS campus prefix, XX-XXXXXXX (or 9 plain digits). */
export function ein(r: Rng, dashed = true): string {
  const p = r.pick(EIN_PREFIXES);
  const rest = r.digits(7);
  return dashed ? `${p}-${rest}` : p + rest;
}

type Issuer = { prefix: () => string; length: number };
const ISSUERS: ReadonlyArray<readonly [(r: Rng) => Issuer, number]> = [
  [() => ({ prefix: () => '4', length: 16 }), 45],
  [(r) => ({ prefix: () => String(r.int(51, 55)), length: 16 }), 25],
  [(r) => ({ prefix: () => String(r.int(2221, 2720)), length: 16 }), 5],
  [(r) => ({ prefix: () => r.pick(['34', '37']), length: 15 }), 12],
  [(r) => ({ prefix: () => r.pick(['6011', '65', String(r.int(644, 649))]), length: 16 }), 10],
  [(r) => ({ prefix: () => String(r.int(3528, 3589)), length: 16 }), 3],
];

/** A Luhn-valid payment card number with a real issuer prefix and length. */
export function pan(r: Rng, format: 'plain' | 'spaced' | 'dashed' = 'plain'): string {
  const issuer = r.weighted(ISSUERS)(r);
  const prefix = issuer.prefix();
  const body = prefix + r.digits(issuer.length - prefix.length - 1);
  const full = body + luhnCheckDigit(body);
  if (format === 'plain') return full;
  const sep = format === 'spaced' ? ' ' : '-';
  const groups = full.length === 15 ? [4, 6, 5] : [4, 4, 4, 4];
  const out: string[] = [];
  let i = 0;
  for (const g of groups) {
    out.push(full.slice(i, i + g));
    i += g;
  }
  return out.join(sep);
}

const FED_PREFIXES = [...range(1, 12), ...range(21, 32), ...range(61, 72), 80];

/** An ABA routing number: Federal Reserve prefix and a valid 3-7-1 checksum. */
export function aba(r: Rng): string {
  const first8 = String(r.pick(FED_PREFIXES)).padStart(2, '0') + r.digits(6);
  return first8 + abaCheckDigit(first8);
}

/** A US deposit account number: 8 to 17 digits. */
export function bankAccount(r: Rng): string {
  const len = r.weighted([[8, 1], [9, 2], [10, 3], [11, 2], [12, 3], [13, 1], [14, 1], [16, 1], [17, 1]] as const);
  return String(r.int(1, 9)) + r.digits(len - 1);
}

const IBAN_BBAN: Record<string, (r: Rng) => string> = {
  DE: (r) => r.digits(18),
  GB: (r) => r.pick(['NWBK', 'BARC', 'LOYD', 'HBUK', 'MIDL']) + r.digits(14),
  FR: (r) => r.digits(23),
  NL: (r) => r.pick(['ABNA', 'INGB', 'RABO', 'TRIO']) + r.digits(10),
  ES: (r) => r.digits(20),
  IT: (r) => r.letters(1) + r.digits(22),
};

/** An IBAN valid by mod-97, compact or printed in groups of four. */
export function iban(r: Rng, spaced = false): string {
  const country = r.pick(Object.keys(IBAN_BBAN));
  const bban = IBAN_BBAN[country]!(r);
  const v = country + ibanCheckDigits(country, bban) + bban;
  return spaced ? v.replace(/(.{4})/g, '$1 ').trim() : v;
}

const DL_FORMATS: ReadonlyArray<readonly [string, (r: Rng) => string]> = [
  ['CA', (r) => r.letters(1) + r.digits(7)],
  ['NY', (r) => r.digits(9)],
  ['TX', (r) => String(r.int(1, 4)) + r.digits(7)],
  ['FL', (r) => `${r.letters(1)}${r.digits(3)}-${r.digits(3)}-${r.digits(2)}-${r.digits(3)}-${r.digits(1)}`],
  ['IL', (r) => `${r.letters(1)}${r.digits(3)}-${r.digits(4)}-${r.digits(4)}`],
  ['PA', (r) => r.digits(8)],
  ['WA', (r) => 'WDL' + r.letters(2) + r.digits(2) + r.letters(1) + r.digits(2) + r.letters(1)],
  ['MO', (r) => r.letters(1) + r.digits(9)],
  ['KS', (r) => 'K' + r.digits(8)],
  ['MI', (r) => r.letters(1) + r.digits(12)],
];

/** A driver's licence number in one of several state formats, with its state. */
export function driversLicense(r: Rng, states?: readonly string[]): { state: string; number: string } {
  const pool = states ? DL_FORMATS.filter(([s]) => states.includes(s)) : DL_FORMATS;
  const [state, make] = r.pick(pool);
  return { state, number: make(r) };
}

/** A passport number: US (9 digits or a letter and 8 digits) or a few foreign shapes. */
export function passport(r: Rng): string {
  return r.weighted([
    [() => r.digits(9).replace(/^0/, '5'), 3],
    [() => r.pick(['A', 'C', 'E', 'N', 'X']) + r.digits(8), 4],
    [() => 'C' + r.letters(2) + r.digits(6), 1],
    [() => r.letters(2) + r.digits(7), 1],
  ] as const)();
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}
