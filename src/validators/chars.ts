/**
 * Shared, allocation-free helpers for the validators. `DIGITS` is a scratch buffer reused by
 * every call: validators are synchronous and JavaScript is single-threaded, so no call can
 * observe another's digits.
 */
export const DIGITS = new Uint8Array(64);

/** True for ASCII digits. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True for ASCII upper-case letters. */
export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** True for ASCII letters of either case. */
export function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 160;
}

/** Index of the first non-blank character. */
export function startOf(raw: string): number {
  let i = 0;
  while (i < raw.length && isSpace(raw.charCodeAt(i))) i++;
  return i;
}

/** Index just past the last non-blank character, not before `start`. */
export function endOf(raw: string, start: number): number {
  let e = raw.length;
  while (e > start && isSpace(raw.charCodeAt(e - 1))) e--;
  return e;
}

/**
 * Reads exactly `total` digits into `DIGITS`, written either with no separators at all or with
 * one separator (`-`, space or `.`, the same one throughout) after each digit count whose bit is
 * set in `boundaries` (`123-45-6789`: bits 3 and 5, `count` 2). Returns false on any other shape.
 */
export function readGrouped(raw: string, total: number, boundaries: number, count: number): boolean {
  const start = startOf(raw);
  const end = endOf(raw, start);
  let n = 0;
  let sep = -1;
  let seps = 0;
  let prevDigit = false;
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (n === total) return false;
      DIGITS[n++] = c - 48;
      prevDigit = true;
      continue;
    }
    if (c !== 45 && c !== 32 && c !== 46) return false;
    if (!prevDigit || (boundaries & (1 << n)) === 0) return false;
    if (sep === -1) sep = c;
    else if (c !== sep) return false;
    seps++;
    prevDigit = false;
  }
  return n === total && prevDigit && (seps === 0 || seps === count);
}

/** Luhn (mod 10) sum of `DIGITS[0..n)`, rightmost digit undoubled. */
export function luhnSum(n: number): number {
  let sum = 0;
  let dbl = false;
  for (let i = n - 1; i >= 0; i--) {
    let v = DIGITS[i]!;
    if (dbl) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    dbl = !dbl;
  }
  return sum;
}

/** True when `DIGITS[0..n)` are all the same digit. */
export function allSame(n: number): boolean {
  const first = DIGITS[0];
  for (let i = 1; i < n; i++) if (DIGITS[i] !== first) return false;
  return true;
}

/** The number formed by `DIGITS[from..to)` (at most 15 digits, exact in a double). */
export function digitsValue(from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + DIGITS[i]!;
  return v;
}
