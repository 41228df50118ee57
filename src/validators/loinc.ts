import { DIGITS, endOf, luhnSum, startOf } from './chars.js';
import type { Validator } from './validator.js';

/** LOINC code: 1-7 digits (no leading zero), hyphen, mod-10 check digit — LOINC's algorithm equals Luhn over all digits (LOINC Users' Guide, check digit). */
export const loinc: Validator = (raw) => {
  const start = startOf(raw);
  const end = endOf(raw, start);
  const len = end - start;
  if (len < 3 || len > 9 || raw.charCodeAt(end - 2) !== 45) return 0;
  let n = 0;
  for (let i = start; i < end; i++) {
    if (i === end - 2) continue;
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return 0;
    DIGITS[n++] = c - 48;
  }
  if (DIGITS[0] === 0) return 0;
  return luhnSum(n) % 10 === 0 ? 1 : 0;
};
