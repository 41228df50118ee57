import { allSame, digitsValue, DIGITS, luhnSum } from './chars.js';
import { readSpacedDigits } from './card-digits.js';
import type { Validator } from './validator.js';

// Maestro IINs (4 digits) per the ISO/IEC 7812 IIN listings.
const MAESTRO = new Set([5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763]);

/** True when the PAN length `n` is one the issuer range in `DIGITS` uses. */
function issuerAccepts(n: number): boolean {
  if (DIGITS[0] === 1) return n === 15; // UATP (airline travel cards): 1 + 14 digits
  if (DIGITS[0] === 4) return n === 13 || n === 16 || n === 19; // Visa
  // The leading six digits read once (a PAN has at least 12): the shorter prefixes divide it.
  const p6 = digitsValue(0, 6);
  const p4 = Math.floor(p6 / 100);
  const p3 = Math.floor(p6 / 1000);
  const p2 = Math.floor(p6 / 10000);
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return n === 15; // American Express
  if (p4 === 5019) return n === 16; // Dankort (Denmark)
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || (p6 >= 622126 && p6 <= 622925)) {
    return n >= 16 && n <= 19; // Discover (622126-622925 co-branded with UnionPay)
  }
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19; // JCB
  if ((p3 >= 300 && p3 <= 305) || p4 === 3095 || p2 === 36 || p2 === 38 || p2 === 39) {
    return n >= 14 && n <= 19; // Diners Club International
  }
  if (p2 === 62) return n >= 16 && n <= 19; // UnionPay
  if (MAESTRO.has(p4)) return n >= 12 && n <= 19; // Maestro
  return false;
}

/** Payment card PAN: issuer range and length (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro, UATP, Dankort) plus Luhn (ISO/IEC 7812). */
export const card: Validator = (raw) => {
  const n = readSpacedDigits(raw, 19);
  if (n < 12) return 0;
  if (allSame(n)) return 0;
  if (!issuerAccepts(n)) return 0;
  return luhnSum(n) % 10 === 0 ? 1 : 0;
};
