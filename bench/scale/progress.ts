/** Bench progress and timing helpers: progress lines go to stderr, figures to stdout. */

/** Writes one progress line to stderr. */
export function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** The median of a non-empty list (mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Milliseconds since `t0` (from `performance.now()`). */
export function since(t0: number): number {
  return performance.now() - t0;
}

/** 1234567 → `1,234,567`; fractional numbers keep `digits` decimals. */
export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Bytes (or KiB when `unit` says so) → `123 MB`. */
export function mb(bytes: number): string {
  return `${fmt(bytes / 1024 / 1024, 0)} MB`;
}
