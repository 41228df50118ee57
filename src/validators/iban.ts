import { endOf, startOf } from './chars.js';
import type { Validator } from './validator.js';

// SWIFT IBAN Registry (2024 releases, incl. BI, DJ, FK, HN, LY, MN, NI, OM, RU, SD, SO, YE):
// IBAN length per country. Territories that use their
// parent's code (AX→FI, GF/GP/MQ/RE/…→FR, IM/JE/GG→GB) are covered by the parent's entry.
const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29,
  BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29,
  ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28,
  HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20,
  LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19,
  MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29,
  PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24,
  SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
  YE: 30,
};

// Lookup by (letter1 - 'A') * 26 + (letter2 - 'A'): no string is built per call.
const LENGTH_BY_CODE = new Uint8Array(26 * 26);
for (const [code, len] of Object.entries(LENGTHS)) {
  LENGTH_BY_CODE[(code.charCodeAt(0) - 65) * 26 + (code.charCodeAt(1) - 65)] = len;
}

/** Upper-cased alphanumeric value 0-35 (`0`-`9`, `A`=10 … `Z`=35), or -1. */
function alnum(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  if (c >= 97 && c <= 122) return c - 87;
  return -1;
}

/** Folds one IBAN character value (0-35) into a running mod-97 remainder (ISO 7064 MOD 97-10). */
function fold(rem: number, v: number): number {
  return (v < 10 ? rem * 10 + v : rem * 100 + v) % 97;
}

/** ISO 13616 IBAN: registry country and length, check digits 02-98, ISO 7064 mod-97 = 1 (single spaces allowed). */
export const iban: Validator = (raw) => {
  const start = startOf(raw);
  const end = endOf(raw, start);
  let k = 0;
  let rem = 0;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let prevSpace = false;
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === 32) {
      // Print format groups by four from the start: a space inside the country code or the check
      // digits (`G T82…`, `GT8 2…`) is not an IBAN.
      if (prevSpace || k < 4) return 0;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    const v = alnum(c);
    if (v < 0 || k === 34) return 0;
    if (k === 0) c0 = v;
    else if (k === 1) c1 = v;
    else if (k === 2) c2 = v;
    else if (k === 3) c3 = v;
    else rem = fold(rem, v);
    k++;
  }
  if (k < 15 || c0 < 10 || c1 < 10 || c2 > 9 || c3 > 9) return 0;
  if (LENGTH_BY_CODE[(c0 - 10) * 26 + (c1 - 10)] !== k) return 0;
  const check = c2 * 10 + c3;
  if (check < 2 || check > 98) return 0;
  rem = fold(fold(fold(fold(rem, c0), c1), c2), c3);
  return rem === 1 ? 1 : 0;
};
