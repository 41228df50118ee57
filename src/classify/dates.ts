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

/**
 * Profiles date-like values; null when fewer than 10 parse. With `minParseRate`, also null as soon
 * as so many values failed to parse that the parse rate can no longer reach it (a column of mixed
 * values is given up after a few dozen values instead of parsing all of them).
 */
export function profileDates(values: readonly (string | null)[], now: Date, minParseRate = 0): DateProfile | null {
  const nowYears = now.getUTCFullYear() + (now.getUTCMonth() + now.getUTCDate() / 31) / 12;
  const ages: number[] = [];
  let total = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== null) total++;
  let nonNull = 0;
  let failed = 0;
  let future = 0;
  let timed = 0;
  let minYear = 99999;
  for (const v of values) {
    if (v === null) continue;
    nonNull++;
    const d = v.length > 40 ? null : parseDateLike(v.trim());
    if (!d) {
      // The parse rate is at most (total - failed) / total from here on.
      if (minParseRate > 0 && (total - ++failed) / total < minParseRate) return null;
      continue;
    }
    const years = d.year + (d.month - 1 + (d.day - 1) / 31) / 12;
    const age = nowYears - years;
    if (age < 0) future++;
    if (d.hasTime && !d.timeIsMidnight) timed++;
    if (d.year < minYear) minYear = d.year;
    ages.push(age);
  }
  if (ages.length < 10) return null;
  ages.sort((a, b) => a - b);
  const q = (p: number) => ages[Math.min(ages.length - 1, Math.floor(p * (ages.length - 1)))]!;
  return {
    parsed: ages.length,
    parseRate: ages.length / nonNull,
    medianAge: q(0.5),
    iqrAge: q(0.75) - q(0.25),
    spreadAge: q(0.95) - q(0.05),
    futureShare: future / ages.length,
    timeShare: timed / ages.length,
    minYear,
  };
}

/** Whether a profile looks like a population's birth dates. */
export function looksLikeBirthDates(p: DateProfile): boolean {
  return (
    p.parseRate >= BIRTH_MIN_PARSE_RATE &&
    p.futureShare <= 0.005 &&
    p.timeShare <= 0.05 &&
    p.minYear >= 1880 &&
    p.medianAge >= 18 &&
    p.medianAge <= 95 &&
    p.iqrAge >= 8 &&
    p.spreadAge >= 25
  );
}

export { YEAR_MS };
