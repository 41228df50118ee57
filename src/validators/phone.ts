import { DIGITS, endOf, startOf } from './chars.js';
import { WEAK, type Validator } from './validator.js';

// Scratch state of the last scan: bit k of sepMask = a separator followed k digits;
// openAt/closeAt = digits seen before "(" and ")" (-1 when absent).
let sepMask = 0;
let openAt = -1;
let closeAt = -1;

/** Reads digits, separators and one pair of parentheses; returns the digit count or -1. */
function scan(raw: string, from: number, end: number): number {
  sepMask = 0;
  openAt = -1;
  closeAt = -1;
  let n = 0;
  let run = 0;
  for (let i = from; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (n === 15) return -1;
      DIGITS[n++] = c - 48;
      run = 0;
      continue;
    }
    if (++run > 2) return -1;
    if (c === 40) {
      if (openAt !== -1) return -1;
      openAt = n;
    } else if (c === 41) {
      if (closeAt !== -1 || openAt === -1) return -1;
      closeAt = n;
    } else if (c === 32 || c === 45 || c === 46) {
      if (n === 0) return -1;
      sepMask |= 1 << n;
    } else {
      return -1;
    }
  }
  if (run > 0 && closeAt !== n) return -1; // trailing separator
  if (openAt !== -1 && closeAt === -1) return -1;
  return n;
}

/** NANP rules on the 10 national digits starting at `DIGITS[cc]`. */
function nanp(cc: number): number {
  // Separators only between groups: after the country code, the area code, the exchange.
  const allowed = (cc === 1 ? 1 << 1 : 0) | (1 << (cc + 3)) | (1 << (cc + 6));
  if ((sepMask & ~allowed) !== 0) return 0;
  if (openAt !== -1 && (openAt !== cc || closeAt !== cc + 3)) return 0;
  const a0 = DIGITS[cc]!;
  const a1 = DIGITS[cc + 1]!;
  const a2 = DIGITS[cc + 2]!;
  const e0 = DIGITS[cc + 3]!;
  const e1 = DIGITS[cc + 4]!;
  const e2 = DIGITS[cc + 5]!;
  if (a0 < 2 || e0 < 2) return 0; // NXX: N is 2-9
  if (a1 === 1 && a2 === 1) return 0; // N11 service codes (211 … 911) are not area codes
  if (a1 === 9) return 0; // N9X area codes are reserved for expansion, none in service
  if (e1 === 1 && e2 === 1) return 0; // N11 exchanges are not assigned
  // 555-0100 … 555-0199 are reserved for fiction (NANPA).
  if (e0 === 5 && e1 === 5 && e2 === 5 && DIGITS[cc + 6] === 0 && DIGITS[cc + 7] === 1) return WEAK;
  return 1;
}

/** Phone number: NANP (optional +1/1; NXX area and exchange, no N11, 555-01xx weak; NANPA) or E.164 `+CC…` with 8-15 digits (ITU-T E.164). */
export const phone: Validator = (raw) => {
  const start = startOf(raw);
  const end = endOf(raw, start);
  const plus = raw.charCodeAt(start) === 43;
  const from = plus ? start + 1 : start;
  if (plus) {
    const c = raw.charCodeAt(from);
    if (c < 48 || c > 57) return 0; // the country code follows `+` directly
  }
  const n = scan(raw, from, end);
  if (n < 0) return 0;
  if (n === 11 && DIGITS[0] === 1) return nanp(1);
  if (!plus) return n === 10 ? nanp(0) : 0;
  // International: country codes never start with 0; `+1` is NANP and needs 11 digits.
  if (DIGITS[0] === 0 || DIGITS[0] === 1) return 0;
  return n >= 8 && n <= 15 ? 1 : 0;
};
