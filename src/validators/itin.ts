import { DIGITS, digitsValue } from './chars.js';
import { readSsnShape } from './ssn.js';
import type { Validator } from './validator.js';

/** IRS: ITIN is 9XX-GG-XXXX with group GG in 50-65, 70-88, 90-92 or 94-99 (IRS ITIN rules, since 2011). */
export const itin: Validator = (raw) => {
  if (!readSsnShape(raw)) return 0;
  if (DIGITS[0] !== 9) return 0;
  const g = digitsValue(3, 5);
  if ((g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94) return 1;
  return 0;
};
