import { endOf, isDigit, isUpper, startOf } from './chars.js';
import type { Validator } from './validator.js';

/** Score of a bare 3-character category (`I10`): a real code, but a shape many other codes share. */
const CATEGORY_ONLY = 0.5;

function isCodeChar(c: number): boolean {
  return isDigit(c) || isUpper(c);
}

/**
 * ICD-10-CM code shape (CDC/NCHS tabular list): letter, digit, digit or A/B (C4A, C7A, C7B,
 * D3A, M1A, Z3A), then up to 4 more letters/digits, with or without the dot after the third
 * character. U is reserved except U07/U09 (COVID-19, vaping, post-COVID) in ICD-10-CM.
 */
export const icd10cm: Validator = (raw) => {
  const start = startOf(raw);
  const end = endOf(raw, start);
  const len = end - start;
  if (len < 3 || len > 8) return 0;
  const c0 = raw.charCodeAt(start);
  const c1 = raw.charCodeAt(start + 1);
  const c2 = raw.charCodeAt(start + 2);
  if (!isUpper(c0) || !isDigit(c1)) return 0;
  if (!isDigit(c2) && c2 !== 65 && c2 !== 66) return 0;
  if (c0 === 85 && !(c1 === 48 && (c2 === 55 || c2 === 57))) return 0; // U07, U09 only
  if (len === 3) return CATEGORY_ONLY;
  let i = start + 3;
  if (raw.charCodeAt(i) === 46) {
    i++;
    if (i === end) return 0;
  } else if (len === 8) {
    return 0; // 8 characters only with the dot
  }
  for (; i < end; i++) if (!isCodeChar(raw.charCodeAt(i))) return 0;
  return 1;
};
