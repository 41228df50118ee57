import { DIGITS, digitsValue, readGrouped } from './chars.js';
import { WEAK, type Validator } from './validator.js';

// Digit counts after which `123-45-6789` may carry a separator.
const SSN_GROUPS = (1 << 3) | (1 << 5);

// NOTE: SSA and IRS publicity numbers (Woolworth wallet card 078-05-1120, SSA pamphlet
// 219-09-9999) and the textbook 123-45-6789 are real-shaped but never a person's own number.
const ADVERTISING = new Set([78051120, 219099999, 123456789]);

/** SSA: area 000, 666 and 900-999, group 00 and serial 0000 are never issued; publicity numbers weak (ssa.gov/employer/randomization.html). */
export const ssn: Validator = (raw) => {
  if (!readGrouped(raw, 9, SSN_GROUPS, 2)) return 0;
  const area = digitsValue(0, 3);
  if (area === 0 || area === 666 || area >= 900) return 0;
  if (DIGITS[3] === 0 && DIGITS[4] === 0) return 0;
  if (digitsValue(5, 9) === 0) return 0;
  const all = digitsValue(0, 9);
  // 111-11-1111 … 888-88-8888: placeholders typed by people who do not know the number.
  if (ADVERTISING.has(all) || all % 111111111 === 0) return WEAK;
  return 1;
};

/** Shape shared by SSN and ITIN, for validators that reuse it. */
export function readSsnShape(raw: string): boolean {
  return readGrouped(raw, 9, SSN_GROUPS, 2);
}
