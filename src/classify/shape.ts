/** A value's cheap shape, computed in one pass, so most rules are skipped without a regex. */
export interface Shape {
  length: number;
  digits: number;
  alpha: number;
  spaces: number;
  at: boolean;
  dot: boolean;
  colon: boolean;
  /** SHAPE_* bits of the characters the value holds (the same bits packShape stores). */
  bits: number;
  /** The longest run of ASCII letters, at most MAX_RUN. */
  run: number;
}

/** Letter runs are measured up to this many letters (a shape keeps them in 3 bits). */
export const MAX_RUN = 7;

/**
 * The character categories of a shape's bits: what value rules require (a letter, a digit, `@`,
 * `.`, `:`) and what a rule's regex may rule out (regex-prefilter.ts `chars`): a space (U+0020),
 * `-`, any other ASCII character (punctuation, symbols, tab and other control characters) and
 * any non-ASCII character. Every character falls in exactly one category.
 */
export const SHAPE_ALPHA = 1;
export const SHAPE_DIGIT = 2;
export const SHAPE_AT = 4;
export const SHAPE_DOT = 8;
export const SHAPE_COLON = 16;
export const SHAPE_SPACE = 32;
export const SHAPE_HYPHEN = 64;
export const SHAPE_OTHER = 128;
export const SHAPE_NON_ASCII = 256;
/** How many bits the categories take. */
export const SHAPE_BITS = 9;

/** The SHAPE_* bit of one character (a UTF-16 code unit). */
export function shapeBitOf(c: number): number {
  if (c >= 48 && c <= 57) return SHAPE_DIGIT;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return SHAPE_ALPHA;
  if (c >= 128) return SHAPE_NON_ASCII;
  return c === 64 ? SHAPE_AT : c === 46 ? SHAPE_DOT : c === 58 ? SHAPE_COLON : c === 32 ? SHAPE_SPACE : c === 45 ? SHAPE_HYPHEN : SHAPE_OTHER;
}

/** Fills `out` (reused across calls to avoid allocation) with the shape of `v`. */
export function shapeOf(v: string, out: Shape): Shape {
  let digits = 0;
  let alpha = 0;
  let spaces = 0;
  let at = false;
  let dot = false;
  let colon = false;
  let bits = 0;
  let run = 0;
  let best = 0;
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      alpha++;
      if (++run > best) best = run;
      continue;
    }
    run = 0;
    if (c >= 48 && c <= 57) digits++;
    else {
      bits |= shapeBitOf(c);
      if (c === 32) spaces++;
      else if (c === 64) at = true;
      else if (c === 46) dot = true;
      else if (c === 58) colon = true;
    }
  }
  if (digits > 0) bits |= SHAPE_DIGIT;
  if (alpha > 0) bits |= SHAPE_ALPHA;
  out.length = n;
  out.digits = digits;
  out.alpha = alpha;
  out.spaces = spaces;
  out.at = at;
  out.dot = dot;
  out.colon = colon;
  out.bits = bits;
  out.run = best < MAX_RUN ? best : MAX_RUN;
  return out;
}

export function newShape(): Shape {
  return { length: 0, digits: 0, alpha: 0, spaces: 0, at: false, dot: false, colon: false, bits: 0, run: 0 };
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
 * A shape as the value rules read it, in one number: length, digit count, the SHAPE_* bits of its
 * characters, and a bound on its longest run of ASCII letters (at most MAX_RUN: a value may hold
 * no longer run; MAX_RUN says nothing). For a value of at most MAX_SHAPED characters.
 */
export function packShape(length: number, digits: number, bits: number, run: number): number {
  return bits | (run << SHAPE_BITS) | (digits << (SHAPE_BITS + 3)) | (length << (SHAPE_BITS + 12));
}

export const shapeLength = (packed: number): number => packed >>> (SHAPE_BITS + 12);
export const shapeDigits = (packed: number): number => (packed >>> (SHAPE_BITS + 3)) & 511;
export const shapeRun = (packed: number): number => (packed >>> SHAPE_BITS) & 7;
export const shapeBitsOf = (packed: number): number => packed & ((1 << SHAPE_BITS) - 1);

/** Whether `v` has nothing to trim: a printable ASCII character at both ends. */
export function untrimmed(v: string): boolean {
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(v.length - 1);
  return a > 32 && a < 127 && b > 32 && b < 127;
}
