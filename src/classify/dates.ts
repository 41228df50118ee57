/**
 * Birth dates from their distribution: values that fall in plausible birth years, none in the
 * future, date-only, with the spread of a population's ages. Hire, order and event dates are not.
 */
import { parseDateLike } from '../validators/index.js';

export interface DateProfile {
  /** Non-null values that parsed as dates. */
  parsed: number;
  /** Share of non-null values that parsed. */
  parseRate: number;
  medianAge: number;
  iqrAge: number;
  spreadAge: number;
  futureShare: number;
  timeShare: number;
  minYear: number;
}

const YEAR_MS = 365.2425 * 24 * 3600 * 1000;

/** Share of a column's values that must parse as dates for them to be a population's birth dates. */
export const BIRTH_MIN_PARSE_RATE = 0.9;

// The fast path's scratch result (one value at a time; nothing is allocated per value).
let fastYear = 0;
let fastMonth = 0;
let fastDay = 0;
let fastTimed = false;

const digitAt = (v: string, i: number): number => {
  const d = v.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
};

/** The two digits at `i` as a number, or a negative number when either is no digit. */
const twoDigits = (v: string, i: number): number => {
  const a = digitAt(v, i);
  const b = digitAt(v, i + 1);
  return a < 0 || b < 0 ? -1000 : a * 10 + b;
};

/** Days in `m` of `y`, proleptic Gregorian calendar (as the validators count them). */
const daysIn = (y: number, m: number): number =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

/**
 * The canonical forms the engines return, `YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS` (or `T`), read
 * without the general parser: true with the fast scratch result set when `v` is one of them and
 * names a valid date and time; false for anything else, which the general parser then reads (so
 * every value reads exactly as `parseDateLike` reads it).
 */
function readCanonical(v: string): boolean {
  const n = v.length;
  if ((n !== 10 && n !== 19) || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  const century = twoDigits(v, 0);
  const year = twoDigits(v, 2);
  const m = twoDigits(v, 5);
  const d = twoDigits(v, 8);
  if ((century | year | m | d) < 0) return false;
  const y = century * 100 + year;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return false;
  let timed = false;
  if (n === 19) {
    const sep = v.charCodeAt(10);
    if ((sep !== 32 && sep !== 84) || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return false;
    const h = twoDigits(v, 11);
    const min = twoDigits(v, 14);
    const sec = twoDigits(v, 17);
    if ((h | min | sec) < 0 || h > 23 || min > 59 || sec > 60) return false;
    // A time of day other than midnight (parseDateLike's hasTime && !timeIsMidnight).
    timed = h !== 0 || min !== 0 || sec !== 0;
  }
  fastYear = y;
  fastMonth = m;
  fastDay = d;
  fastTimed = timed;
  return true;
}

/**
 * Reads `v` as a date into the fast scratch result: the canonical forms directly, anything else
 * through `parseDateLike` (of the trimmed value, values over 40 characters never). False when it
 * is no date.
 */
function readDate(v: string): boolean {
  if (readCanonical(v)) return true;
  const d = v.length > 40 ? null : parseDateLike(v.trim());
  if (!d) return false;
  fastYear = d.year;
  fastMonth = d.month;
  fastDay = d.day;
  fastTimed = d.hasTime && !d.timeIsMidnight;
  return true;
}

/**
 * Profiles date-like values; null when fewer than 10 parse. With `minParseRate`, also null as soon
 * as so many values failed to parse that the parse rate can no longer reach it (a column of mixed
 * values is given up after a few dozen values instead of parsing all of them).
 */
export function profileDates(values: readonly (string | null)[], now: Date, minParseRate = 0): DateProfile | null {
  return profile(values, now, minParseRate, false);
}

/**
 * The profile of values that may be a population's birth dates: as `profileDates` with the birth
 * parse rate, but null as soon as `looksLikeBirthDates` can no longer hold (a timestamp column is
 * given up after a few dozen values with a time of day, not parsed to its end).
 */
export function birthDateProfile(values: readonly (string | null)[], now: Date): DateProfile | null {
  return profile(values, now, BIRTH_MIN_PARSE_RATE, true);
}

/** A date's month and day as a fraction of its year, `(month - 1 + (day - 1) / 31) / 12`, by month * 32 + day. */
const YEAR_FRACTION = new Float64Array(13 * 32);
for (let m = 1; m <= 12; m++) for (let d = 1; d <= 31; d++) YEAR_FRACTION[m * 32 + d] = (m - 1 + (d - 1) / 31) / 12;

/** Up to this many steps against the order, ages are sorted by merging their ordered runs. */
const FEW_RUNS = 32;

let mergeScratch = new Float64Array(1024);

/** `a` sorted, `a` being a few ascending runs: adjacent runs merged pairwise until one is left. */
function mergeRuns(a: Float64Array<ArrayBufferLike>): Float64Array<ArrayBufferLike> {
  const n = a.length;
  if (mergeScratch.length < n) mergeScratch = new Float64Array(Math.max(n, 2 * mergeScratch.length));
  let from = a;
  let to: Float64Array<ArrayBufferLike> = mergeScratch.subarray(0, n);
  let bounds = [0];
  for (let i = 1; i < n; i++) if (a[i]! < a[i - 1]!) bounds.push(i);
  bounds.push(n);
  while (bounds.length > 2) {
    const next = [0];
    for (let j = 0; j + 1 < bounds.length; j += 2) {
      const lo = bounds[j]!;
      const mid = bounds[j + 1]!;
      const hi = j + 2 < bounds.length ? bounds[j + 2]! : mid;
      let x = lo;
      let y = mid;
      let k = lo;
      while (x < mid && y < hi) to[k++] = from[y]! < from[x]! ? from[y++]! : from[x++]!;
      while (x < mid) to[k++] = from[x++]!;
      while (y < hi) to[k++] = from[y++]!;
      next.push(hi);
    }
    bounds = next;
    const t = from;
    from = to;
    to = t;
  }
  return from;
}

let ageScratch = new Float64Array(1024);

function profile(values: readonly (string | null)[], now: Date, minParseRate: number, birth: boolean): DateProfile | null {
  const nowYears = now.getUTCFullYear() + (now.getUTCMonth() + now.getUTCDate() / 31) / 12;
  let total = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== null) total++;
  // Ages in a typed array, reused across calls (profiling is synchronous): sorted natively, in
  // numeric order (the values are never NaN nor -0), and not allocated for a column given up early.
  if (ageScratch.length < total) ageScratch = new Float64Array(Math.max(total, 2 * ageScratch.length));
  const ages = ageScratch;
  let parsed = 0;
  let nonNull = 0;
  let failed = 0;
  let future = 0;
  let timed = 0;
  let minYear = 99999;
  // Steps down and up between consecutive ages: how far from sorted the sample is.
  let descents = 0;
  let ascents = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v === null || v === undefined) continue;
    nonNull++;
    if (!readDate(v)) {
      // The parse rate is at most (total - failed) / total from here on.
      if (minParseRate > 0 && (total - ++failed) / total < minParseRate) return null;
      continue;
    }
    const years = fastYear + YEAR_FRACTION[fastMonth * 32 + fastDay]!;
    const age = nowYears - years;
    // Shares over every value bound the shares over the parsed ones from below: once the times of
    // day or future dates alone exceed the birth-date limits, or a year is before 1880, no profile
    // of these values looks like birth dates (each is tested only when it changes).
    if (age < 0) {
      future++;
      if (birth && future / total > BIRTH_MAX_FUTURE_SHARE) return null;
    }
    if (fastTimed) {
      timed++;
      if (birth && timed / total > BIRTH_MAX_TIME_SHARE) return null;
    }
    if (fastYear < minYear) {
      minYear = fastYear;
      if (birth && minYear < BIRTH_MIN_YEAR) return null;
    }
    if (parsed > 0) {
      const prev = ages[parsed - 1]!;
      if (age < prev) descents++;
      else if (age > prev) ascents++;
    }
    ages[parsed++] = age;
  }
  if (parsed < 10) return null;
  let sorted: Float64Array<ArrayBufferLike> = ages.subarray(0, parsed);
  // Values sampled in date order (a table filled in order) are sorted already, or reversed, or
  // made of a few ordered stretches, which are merged; any other sample sorts natively.
  if (ascents <= FEW_RUNS && ascents < descents) {
    sorted.reverse();
    descents = ascents;
  }
  if (descents > FEW_RUNS) sorted.sort();
  else if (descents > 0) sorted = mergeRuns(sorted);
  const q = (p: number) => sorted[Math.min(parsed - 1, Math.floor(p * (parsed - 1)))]!;
  return {
    parsed,
    parseRate: parsed / nonNull,
    medianAge: q(0.5),
    iqrAge: q(0.75) - q(0.25),
    spreadAge: q(0.95) - q(0.05),
    futureShare: future / parsed,
    timeShare: timed / parsed,
    minYear,
  };
}

/** Birth dates: at most this share in the future, at most this share with a time of day, no year before. */
const BIRTH_MAX_FUTURE_SHARE = 0.005;
const BIRTH_MAX_TIME_SHARE = 0.05;
const BIRTH_MIN_YEAR = 1880;

/** Whether a profile looks like a population's birth dates. */
export function looksLikeBirthDates(p: DateProfile): boolean {
  return (
    p.parseRate >= BIRTH_MIN_PARSE_RATE &&
    p.futureShare <= BIRTH_MAX_FUTURE_SHARE &&
    p.timeShare <= BIRTH_MAX_TIME_SHARE &&
    p.minYear >= BIRTH_MIN_YEAR &&
    p.medianAge >= 18 &&
    p.medianAge <= 95 &&
    p.iqrAge >= 8 &&
    p.spreadAge >= 25
  );
}

export { YEAR_MS };
