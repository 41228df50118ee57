/** Dates for the demo city, all relative to a fixed reference day so builds never depend on the clock. */
import { pad } from './identifiers.js';
import type { Rng } from './prng.js';

/** The demo city's "today". */
export const REFERENCE_DATE = '2026-11-01';

const DAY_MS = 86_400_000;

function dayOf(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A day in [from, to], both `YYYY-MM-DD`. */
export function dateBetween(rng: Rng, from: string, to: string): string {
  return isoOf(rng.int(dayOf(from), dayOf(to)));
}

/** A `YYYY-MM-DD HH:MM:SS` timestamp in [from, to] days, in business-ish hours. */
export function timestampBetween(rng: Rng, from: string, to: string): string {
  const d = dateBetween(rng, from, to);
  return `${d} ${pad(rng.int(6, 21), 2)}:${pad(rng.int(0, 59), 2)}:${pad(rng.int(0, 59), 2)}`;
}

/** Adds whole days to a `YYYY-MM-DD` (or the date part of a timestamp). */
export function addDays(iso: string, days: number): string {
  return isoOf(dayOf(iso.slice(0, 10)) + days);
}

/** Age bands (years, inclusive) with weights. */
export type AgeProfile = ReadonlyArray<readonly [number, number, number]>;

/** Ages spread roughly like the US population, 6 to 96 (birth years 1930-2020). */
export const POPULATION: AgeProfile = [
  [6, 17, 15], [18, 29, 16], [30, 44, 20], [45, 64, 25], [65, 79, 15], [80, 96, 5],
];
/** Working-age staff. */
export const WORKFORCE: AgeProfile = [[18, 29, 22], [30, 44, 36], [45, 64, 38], [65, 72, 4]];
/** Human-services clients: many children and elders. */
export const SERVICES: AgeProfile = [[6, 17, 30], [18, 44, 25], [45, 64, 20], [65, 79, 15], [80, 96, 10]];
/** Children of a household (born 2009-2020). */
export const CHILDREN: AgeProfile = [[6, 17, 1]];
/** Adults before a court. */
export const DEFENDANTS: AgeProfile = [[18, 29, 40], [30, 44, 35], [45, 64, 20], [65, 85, 5]];

/** A birth date for someone whose age today falls in `profile`. */
export function birthDate(rng: Rng, profile: AgeProfile): string {
  const [minAge, maxAge] = rng.weighted(profile.map((b) => [[b[0], b[1]] as const, b[2]] as const));
  const refYear = Number(REFERENCE_DATE.slice(0, 4));
  const year = refYear - rng.int(minAge, maxAge);
  return dateBetween(rng, `${Math.max(1930, year)}-01-01`, `${Math.min(2020, year)}-12-31`);
}

/** `YYYY-MM-DD` → `MM/DD/YYYY`, the way legacy exports wrote dates. */
export function usDate(iso: string): string {
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
}
