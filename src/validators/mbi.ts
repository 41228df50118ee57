import { endOf, isDigit, isUpper, startOf } from './chars.js';
import type { Validator } from './validator.js';

// MBI letters exclude S, L, O, I, B, Z (easily confused with digits).
const MBI_LETTER = new Uint8Array(26);
for (let c = 65; c <= 90; c++) MBI_LETTER[c - 65] = 1;
for (const ch of 'SLOIBZ') MBI_LETTER[ch.charCodeAt(0) - 65] = 0;

// Per position (1-11): N = 1-9, n = 0-9, A = MBI letter, C = MBI letter or digit.
const SHAPE = 'NACnACnAAnn';

function fits(kind: number, c: number): boolean {
  switch (kind) {
    case 78: // N
      return c >= 49 && c <= 57;
    case 110: // n
      return isDigit(c);
    case 65: // A
      return isUpper(c) && MBI_LETTER[c - 65] === 1;
    default: // C
      return isDigit(c) || (isUpper(c) && MBI_LETTER[c - 65] === 1);
  }
}

/** Lower-case letters fold to upper case: CMS prints MBIs in capitals, systems store them either way. */
function upper(c: number): number {
  return c >= 97 && c <= 122 ? c - 32 : c;
}

/** CMS Medicare Beneficiary Identifier: 11 characters C A AN N A AN N A A N N, no S/L/O/I/B/Z (either case); dashes after 4 and 7 optional (CMS MBI format spec). */
export const mbi: Validator = (raw) => {
  const start = startOf(raw);
  const end = endOf(raw, start);
  const len = end - start;
  const dashed = len === 13;
  if (!dashed && len !== 11) return 0;
  if (dashed && (raw.charCodeAt(start + 4) !== 45 || raw.charCodeAt(start + 8) !== 45)) return 0;
  let k = 0;
  for (let i = start; i < end; i++) {
    if (dashed && (i - start === 4 || i - start === 8)) continue;
    if (!fits(SHAPE.charCodeAt(k), upper(raw.charCodeAt(i)))) return 0;
    k++;
  }
  return 1;
};
