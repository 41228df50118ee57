import { DIGITS, endOf, startOf } from './chars.js';

/**
 * Reads up to `max` digits into `DIGITS`, allowing single spaces or hyphens between digits
 * (`4111 1111 1111 1111`, `4111-1111-1111-1111`). Returns the digit count, or -1.
 */
export function readSpacedDigits(raw: string, max: number): number {
  const start = startOf(raw);
  const end = endOf(raw, start);
  let n = 0;
  let prevSep = true;
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (n === max) return -1;
      DIGITS[n++] = c - 48;
      prevSep = false;
    } else if (c === 32 || c === 45) {
      if (prevSep) return -1;
      prevSep = true;
    } else {
      return -1;
    }
  }
  return prevSep ? -1 : n;
}
