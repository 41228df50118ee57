import { allSame, DIGITS, luhnSum } from './chars.js';
import { readSpacedDigits } from './card-digits.js';
import type { Validator } from './validator.js';

/** ISO/IEC 7812-1 Luhn mod-10 check over 2-64 digits (spaces/hyphens allowed); all zeros rejected. */
export const luhn: Validator = (raw) => {
  const n = readSpacedDigits(raw, 64);
  if (n < 2) return 0;
  if (DIGITS[0] === 0 && allSame(n)) return 0;
  return luhnSum(n) % 10 === 0 ? 1 : 0;
};
