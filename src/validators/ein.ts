import { digitsValue, readGrouped } from './chars.js';
import type { Validator } from './validator.js';

// IRS "How EINs are assigned and valid EIN prefixes": the union of every campus's prefixes
// (Andover, Atlanta, Austin, Brookhaven, Cincinnati, Fresno, Kansas City, Memphis, Ogden,
// Philadelphia, Internet, SBA). Never assigned: 00, 07-09, 17-19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97.
const VALID_PREFIX = new Uint8Array(100);
for (const [lo, hi] of [
  [1, 6], [10, 16], [20, 27], [30, 48], [50, 68], [71, 77], [80, 88], [90, 95], [98, 99],
] as const) {
  for (let p = lo; p <= hi; p++) VALID_PREFIX[p] = 1;
}

/** IRS: EIN is XX-XXXXXXX with a prefix some IRS campus assigns (irs.gov valid EIN prefixes). */
export const ein: Validator = (raw) => {
  if (!readGrouped(raw, 9, 1 << 2, 1)) return 0;
  if (VALID_PREFIX[digitsValue(0, 2)] !== 1) return 0;
  return digitsValue(2, 9) === 0 ? 0 : 1;
};
