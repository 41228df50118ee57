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
