import { endOf, startOf } from './chars.js';
import type { Validator } from './validator.js';

// Verhoeff's dihedral-group tables (J. Verhoeff, 1969): multiplication D5, permutation, inverse.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** Whether a digit string (check digit last) passes Verhoeff's check. */
export function verhoeffValid(raw: string, start: number, end: number): boolean {
  let c = 0;
  for (let i = end - 1, k = 0; i >= start; i--, k++) c = D[c]![P[k % 8]![raw.charCodeAt(i) - 48]!]!;
  return c === 0;
}

/**
 * SNOMED CT concept identifier (SCTID, SNOMED CT Technical Implementation Guide §6.7): 6-18
 * digits, no leading zero; the two digits before the check digit are the partition identifier,
 * `00` (a concept, short format) or `10` (a concept in an extension namespace); the last digit is
 * Verhoeff's check digit. Description and relationship ids (partitions 01/02/11/12) are not concepts.
 */
export const sctid: Validator = (raw) => {
  const start = startOf(raw);
  const end = endOf(raw, start);
  const len = end - start;
  if (len < 6 || len > 18 || raw.charCodeAt(start) === 48) return 0;
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return 0;
  }
  const p1 = raw.charCodeAt(end - 3) - 48;
  const p2 = raw.charCodeAt(end - 2) - 48;
  if (p2 !== 0 || (p1 !== 0 && p1 !== 1)) return 0;
  return verhoeffValid(raw, start, end) ? 1 : 0;
};
