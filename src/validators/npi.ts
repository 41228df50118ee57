import { DIGITS, endOf, luhnSum, startOf } from './chars.js';
import type { Validator } from './validator.js';

// NOTE: the NPI check digit is Luhn over the 15 digits `80840` + NPI. The prefix's own Luhn
// contribution is constant: 8 + (0*2) + 8 + (4*2) + 0 = 24, so we add 24 instead of the digits.
const PREFIX_80840_SUM = 24;

/** CMS NPI: 10 digits starting with 1 or 2, Luhn over 80840 + NPI (CMS NPI check digit spec). */
export const npi: Validator = (raw) => {
  const start = startOf(raw);
  const end = endOf(raw, start);
  if (end - start !== 10) return 0;
  for (let i = 0; i < 10; i++) {
    const c = raw.charCodeAt(start + i);
    if (c < 48 || c > 57) return 0;
    DIGITS[i] = c - 48;
  }
  if (DIGITS[0] !== 1 && DIGITS[0] !== 2) return 0;
  // Nine repeated digits and a check digit (1111111112) pass Luhn but are placeholders, never issued.
  let same = true;
  for (let i = 1; i < 9 && same; i++) same = DIGITS[i] === DIGITS[0];
  if (same) return 0;
  return (luhnSum(10) + PREFIX_80840_SUM) % 10 === 0 ? 1 : 0;
};
