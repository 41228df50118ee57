/** A value's cheap shape, computed in one pass, so most rules are skipped without a regex. */
export interface Shape {
  length: number;
  digits: number;
  alpha: number;
  spaces: number;
  at: boolean;
  dot: boolean;
  colon: boolean;
}

/** Fills `out` (reused across calls to avoid allocation) with the shape of `v`. */
export function shapeOf(v: string, out: Shape): Shape {
  let digits = 0;
  let alpha = 0;
  let spaces = 0;
  let at = false;
  let dot = false;
  let colon = false;
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) alpha++;
    else if (c === 32) spaces++;
    else if (c === 64) at = true;
    else if (c === 46) dot = true;
    else if (c === 58) colon = true;
  }
  out.length = n;
  out.digits = digits;
  out.alpha = alpha;
  out.spaces = spaces;
  out.at = at;
  out.dot = dot;
  out.colon = colon;
  return out;
}

export function newShape(): Shape {
  return { length: 0, digits: 0, alpha: 0, spaces: 0, at: false, dot: false, colon: false };
}

/** Whether a shape satisfies a rule's pre-filter. */
export function shapeFits(
  s: Shape,
  f: { digits?: readonly [number, number]; length?: readonly [number, number]; requires?: readonly string[] },
): boolean {
  if (f.length && (s.length < f.length[0] || s.length > f.length[1])) return false;
  if (f.digits && (s.digits < f.digits[0] || s.digits > f.digits[1])) return false;
  if (f.requires) {
    for (const r of f.requires) {
      if (r === 'alpha' ? s.alpha === 0 : r === 'digit' ? s.digits === 0 : r === 'at' ? !s.at : r === 'dot' ? !s.dot : !s.colon)
        return false;
    }
  }
  return true;
}

/** Values longer than this are not shaped for the value rules (values.ts inspects up to 256 characters). */
export const MAX_SHAPED = 256;

/**
 * A shape as the value rules read it, in one number: length, digit count, and bits for a letter
 * (1), a digit (2), `@` (4), `.` (8) and `:` (16). For a value of at most MAX_SHAPED characters.
 */
export function packShape(length: number, digits: number, bits: number): number {
  return bits | (digits << 5) | (length << 14);
}

export const shapeLength = (packed: number): number => packed >>> 14;
export const shapeDigits = (packed: number): number => (packed >>> 5) & 511;
export const shapeBitsOf = (packed: number): number => packed & 31;

/** Whether `v` has nothing to trim: a printable ASCII character at both ends. */
export function untrimmed(v: string): boolean {
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(v.length - 1);
  return a > 32 && a < 127 && b > 32 && b < 127;
}
