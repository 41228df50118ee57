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

/** Profiles date-like values; null when fewer than 10 parse. */
export function profileDates(values: readonly (string | null)[], now: Date): DateProfile | null {
  const nowYears = now.getUTCFullYear() + (now.getUTCMonth() + now.getUTCDate() / 31) / 12;
  const ages: number[] = [];
  let nonNull = 0;
  let future = 0;
  let timed = 0;
  let minYear = 99999;
  for (const v of values) {
    if (v === null) continue;
    nonNull++;
    if (v.length > 40) continue;
    const d = parseDateLike(v.trim());
    if (!d) continue;
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
    p.parseRate >= 0.9 &&
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
