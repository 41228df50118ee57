import { DIGITS, digitsValue } from './chars.js';
import { readSpacedDigits } from './card-digits.js';
import type { Validator } from './validator.js';

/**
 * ABA routing number: 9 digits, 3-7-1 weighted checksum, prefix 01-12 (Federal Reserve
 * districts), 21-32 (thrifts), 61-72 (electronic), or the rare 00 (US Government) and 80
 * (traveler's cheques), scored weak (ABA Key to Routing Numbers; Fed ACH participant rules).
 */
export const aba: Validator = (raw) => {
  if (readSpacedDigits(raw, 9) !== 9) return 0;
  const d = DIGITS;
  const sum =
    3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  if (sum % 10 !== 0) return 0;
  const p = digitsValue(0, 2);
  if ((p >= 1 && p <= 12) || (p >= 21 && p <= 32) || (p >= 61 && p <= 72)) return 1;
  if (p === 0) return digitsValue(2, 9) === 0 ? 0 : 0.5;
  return p === 80 ? 0.5 : 0;
};
