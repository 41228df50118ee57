/** Option value parsers for the command table (src/cli/program.ts): each refuses a bad value with one USAGE line. */
import { MinimError } from '../errors.js';

/** `a,b` and repeated flags, accumulated. */
export const list = (v: string, prev: string[] = []): string[] => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** A repeatable flag: every value kept as given. */
export const repeat = (v: string, prev: string[] = []): string[] => [...prev, v];

/** A whole number from 1 (to `max`). */
export const int = (name: string, max = Number.MAX_SAFE_INTEGER) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? '≥ 1' : `from 1 to ${max}`;
    throw new MinimError('USAGE', `${name} takes a whole number ${range}, not "${v}"`);
  }
  return n;
};

/** A whole number from `min` to `max`, with the range always named. */
export const between = (name: string, min: number, max: number) => (v: string): number => {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new MinimError('USAGE', `${name} takes a whole number from ${min} to ${max}, not "${v}"`);
  return n;
};

/** A whole number ≥ 1, without an upper bound. */
export const positive = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new MinimError('USAGE', `${name} takes a whole number ≥ 1, not "${v}"`);
  return n;
};

/** A number from `min` to `max`. */
export const ratio = (name: string, min: number, max: number) => (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new MinimError('USAGE', `${name} takes a number from ${min} to ${max}, not "${v}"`);
  return n;
};

/** A whole number ≥ 0. */
export const count = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new MinimError('USAGE', `${name} takes a whole number ≥ 0, not "${v}"`);
  return n;
};

/** Comma-separated ids, without repetition across flags. */
export const ids = (v: string): string[] => v.split(',').map((x) => x.trim()).filter(Boolean);
