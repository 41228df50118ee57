/**
 * Generators of identifiers that pass the checks real ones pass: SSNs within the SSA rules,
 * Luhn-valid card numbers on real issuer prefixes, ABA routing numbers with a correct 3-7-1
 * check digit, mod-97 IBANs, state driver's license formats, EINs and ITINs. All fictional.
 */
import type { Rng } from './prng.js';

/** An SSN the SSA could issue: area 001-899 but not 666, group 01-99, serial 0001-9999. Digits only. */
export function ssnDigits(rng: Rng): string {
  for (;;) {
    const area = rng.int(1, 899);
    if (area === 666) continue;
    const s = `${pad(area, 3)}${pad(rng.int(1, 99), 2)}${pad(rng.int(1, 9999), 4)}`;
    // NOTE: 078-05-1120 (the Woolworth wallet card) and 219-09-9999 were printed in ads; never valid.
    if (s === '078051120' || s === '219099999') continue;
    return s;
  }
}

/** `123-45-6789`. */
export function formatSsn(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
}

/** Luhn check digit for `body` (the number without its last digit). */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A Luhn-valid card number (PAN) on a real issuer prefix (Visa, Mastercard 51-55 and 2221-2720, Amex, Discover), digits only. */
export function cardNumber(rng: Rng): string {
  const kind = rng.weighted([
    ['visa', 50],
    ['mc', 25],
    ['mc2', 5],
    ['amex', 10],
    ['disc', 10],
  ] as const);
  let prefix: string;
  let length = 16;
  switch (kind) {
    case 'visa':
      prefix = '4';
      break;
    case 'mc':
      prefix = String(rng.int(51, 55));
      break;
    case 'mc2':
      prefix = String(rng.int(2221, 2720));
      break;
    case 'amex':
      prefix = rng.pick(['34', '37']);
      length = 15;
      break;
    default:
      prefix = rng.pick(['6011', '65', '644', '645']);
  }
  const body = prefix + rng.digits(length - 1 - prefix.length);
  return body + luhnCheckDigit(body);
}

/** Groups a PAN for display the way forms store it: `4111 1111 1111 1111`, or dashes. */
export function formatCard(pan: string, sep: ' ' | '-'): string {
  if (pan.length === 15) return `${pan.slice(0, 4)}${sep}${pan.slice(4, 10)}${sep}${pan.slice(10)}`;
  return pan.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
}

/** First eight digits of real routing numbers (Federal Reserve districts 01-12 and thrift 21-32). */
const ROUTING_PREFIXES: readonly string[] = [
  '10100001', '10100018', '10108974', '08100021', '10200002', '02100002', '02600959', '12100024',
  '10100004', '10111307', '10110025', '08100038', '30107129', '10700454', '31107700', '10190434',
];

/** ABA 3-7-1 check digit for the first eight digits. */
export function abaCheckDigit(first8: string): string {
  const w = [3, 7, 1, 3, 7, 1, 3, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(first8[i]) * w[i]!;
  return String((10 - (sum % 10)) % 10);
}

/** A routing number with a valid check digit, from a short list of real bank prefixes. */
export function routingNumber(rng: Rng): string {
  const p = rng.pick(ROUTING_PREFIXES);
  return p + abaCheckDigit(p);
}

/** A bank account number: 8 to 12 random digits (no checksum, like most US banks). */
export function bankAccountNumber(rng: Rng): string {
  return String(rng.int(1, 9)) + rng.digits(rng.int(7, 11));
}

const IBAN_SHAPES: Record<string, (rng: Rng) => string> = {
  DE: (r) => r.digits(8) + r.digits(10),
  GB: (r) => r.pick(['NWBK', 'BARC', 'LOYD', 'HBUK', 'MIDL']) + r.digits(6) + r.digits(8),
  FR: (r) => r.digits(5) + r.digits(5) + r.digits(11) + r.digits(2),
  NL: (r) => r.pick(['ABNA', 'INGB', 'RABO', 'TRIO']) + r.digits(10),
  ES: (r) => r.digits(4) + r.digits(4) + r.digits(2) + r.digits(10),
};

/** Mod-97 remainder of an IBAN-style alphanumeric string (letters A=10 … Z=35). */
export function mod97(text: string): number {
  let rem = 0;
  for (const ch of text) {
    const v = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem;
}

/** An IBAN for `country` with correct mod-97 check digits, compact (no spaces). */
export function iban(rng: Rng, country: string): string {
  const shape = IBAN_SHAPES[country];
  if (!shape) throw new Error(`iban: no shape for ${country}`);
  const bban = shape(rng);
  const check = 98 - mod97(bban + country + '00');
  return `${country}${pad(check, 2)}${bban}`;
}

/** A driver's license number in its state's format (MO letter+digits, CO/KS/IL dashed forms). */
export function driversLicense(rng: Rng, state: string): string {
  const letter = () => String.fromCharCode(65 + rng.int(0, 25));
  switch (state) {
    case 'MO':
      // Missouri: one letter followed by 5 to 9 digits, mostly 9.
      return letter() + rng.digits(rng.chance(0.8) ? 9 : rng.int(5, 8));
    case 'CO':
      return `${rng.digits(2)}-${rng.digits(3)}-${rng.digits(4)}`;
    case 'KS':
      return `K${rng.digits(2)}-${rng.digits(2)}-${rng.digits(4)}`;
    default:
      // Illinois: letter + 11 digits, printed A123-4567-8901.
      return `${letter()}${rng.digits(3)}-${rng.digits(4)}-${rng.digits(4)}`;
  }
}

/** A passport number: US next-generation (letter + 8 digits) mostly, a few foreign formats. */
export function passportNumber(rng: Rng, country: string): string {
  const letter = () => String.fromCharCode(65 + rng.int(0, 25));
  switch (country) {
    case 'US':
      return rng.pick(['A', 'C', 'E', 'H', 'N']) + rng.digits(8);
    case 'MX':
      return 'G' + rng.digits(8);
    case 'CA':
      return letter() + letter() + rng.digits(6);
    default:
      return letter() + letter() + rng.digits(7);
  }
}

/** IRS campus prefixes valid for EINs (a sample). */
const EIN_PREFIXES: readonly string[] = ['20', '26', '27', '36', '43', '44', '45', '46', '47', '48', '81', '82', '83', '84', '86', '87', '88', '91', '92', '93'];

/** An EIN, `43-1234567`. */
export function ein(rng: Rng): string {
  return `${rng.pick(EIN_PREFIXES)}-${rng.digits(7)}`;
}

/** An ITIN: starts with 9, group 50-65, 70-88, 90-92 or 94-99; `9XX-7X-XXXX`. */
export function itin(rng: Rng): string {
  const group = rng.pick([...range(50, 65), ...range(70, 88), 90, 91, 92, ...range(94, 99)]);
  return `9${rng.digits(2)}-${group}-${rng.digits(4)}`;
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** Zero-pads a non-negative integer. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
