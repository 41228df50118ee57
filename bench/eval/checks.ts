/**
 * The corpus's own checksums and issuance rules, written independently of minim's validators:
 * used to build valid values and, in the unit test, to prove the planted values are valid.
 */

/** Luhn (mod 10) over a digit string. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit that makes `partial + digit` Luhn-valid. */
export function luhnCheckDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(partial + d)) return String(d);
  throw new Error('unreachable');
}

const ABA_WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1] as const;

/** ABA routing number: 9 digits, 3-7-1 checksum, Federal Reserve prefix 01-12, 21-32, 61-72 or 80. */
export function abaValid(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const p = Number(value.slice(0, 2));
  const prefixOk = (p >= 1 && p <= 12) || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += ABA_WEIGHTS[i]! * (value.charCodeAt(i) - 48);
  return prefixOk && sum % 10 === 0;
}

/** The ninth digit that completes an 8-digit ABA prefix. */
export function abaCheckDigit(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ABA_WEIGHTS[i]! * (first8.charCodeAt(i) - 48);
  return String((10 - (sum % 10)) % 10);
}

/** SSA issuance rules: area not 000, 666 or 900-999; group not 00; serial not 0000. */
export function ssnValid(value: string): boolean {
  const m = /^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$/.exec(value);
  if (!m) return false;
  const area = Number(m[1]);
  return area !== 0 && area !== 666 && area < 900 && m[2] !== '00' && m[3] !== '0000';
}

/** ITIN: 9XX-[50-65|70-88|90-92|94-99]-XXXX. */
export function itinValid(value: string): boolean {
  const m = /^9\d{2}-?(\d{2})-?\d{4}$/.exec(value);
  if (!m) return false;
  const g = Number(m[1]);
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}

/** IRS EIN campus prefixes in use. */
export const EIN_PREFIXES: readonly string[] = [
  ...range(1, 6), ...range(10, 16), ...range(20, 27), ...range(30, 39), ...range(40, 48),
  ...range(50, 68), ...range(71, 77), ...range(80, 88), ...range(90, 95), 98, 99,
].map((n) => String(n).padStart(2, '0'));

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** IBAN mod-97 over the rearranged string (country letters as 10..35). */
export function ibanValid(value: string): boolean {
  const v = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(v)) return false;
  return mod97(v.slice(4) + v.slice(0, 4)) === 1;
}

/** The two check digits for a country code and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(bban + country + '00')).padStart(2, '0');
}

function mod97(s: string): number {
  let rem = 0;
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    const part = code >= 65 ? String(code - 55) : ch;
    for (const d of part) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rem;
}
