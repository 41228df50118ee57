/**
 * Shape gates that weaken a column's name evidence (column.ts): a column of one- to
 * three-character codes cannot hold any category's values, and a column whose short values hold
 * a digit count the category never has is not that category.
 *
 * Both are measured over the non-blank values only. An empty or all-space string holds nothing:
 * counting it as a short code made a sparse column (`email_direct`, 90% blank strings) cross the
 * 90% line from one sample to the next, and its name evidence came and went with the sample.
 * Without blanks the share is that of the values themselves, far from the line on either side.
 * A column that is practically empty (under 1% non-blank: 51 columns of the two evaluation corpora
 * are entirely blank, and the sparsest filled one is 2.9% filled) holds nothing a name could speak
 * for, and closes the gate as codes do.
 */
import {
  CODE_LENGTH,
  DIGITS_IN_RANGE_SHARE as FEW,
  MIN_PATH_DOCUMENTS,
  MIN_PATH_SHARE,
  MIN_VALUES_FOR_SHAPE as MIN_VALUES,
  SHAPE_SHARE as MOST,
  SHORT_LENGTH as SHORT,
} from './scoring.js';

/** Under this share of non-blank values a column is practically empty. */
const EMPTY = 0.01;

export interface ShapeGates {
  /** Most non-blank values are codes of at most three characters (Y/N, flags, grades), or there are none. */
  readonly codesOnly: boolean;
  /** Whether the short non-blank values mostly hold a digit count outside `range`. */
  digitsContradict(range: readonly [number, number] | undefined): boolean;
}

/**
 * The gates' counts, fed one value at a time by a loop that already reads each value's characters
 * (ColumnProfile's single pass), so the gates cost no pass of their own.
 */
export class ShapeCounts {
  /** Non-null values, blanks included. */
  nonNull = 0;
  /** Non-blank values. */
  n = 0;
  private codes = 0;
  private short = 0;
  private readonly digitsOfShort = new Array<number>(41).fill(0);

  /**
   * Counts one non-null value of `length` characters holding `nonBlank` characters other than
   * space, tab, CR and LF, and `digits` ASCII digits. A caller may stop counting a value's
   * characters early: `nonBlank` only matters up to CODE_LENGTH + 1, `digits` only when `length`
   * is under SHORT_LENGTH.
   */
  count(length: number, nonBlank: number, digits: number): void {
    this.nonNull++;
    if (nonBlank === 0) return;
    this.n++;
    if (nonBlank <= CODE_LENGTH) this.codes++;
    if (length < SHORT) {
      this.short++;
      this.digitsOfShort[Math.min(40, digits)]!++;
    }
  }

  gates(): ShapeGates {
    const { nonNull, n, codes, short, digitsOfShort } = this;
    return {
      codesOnly: (nonNull >= MIN_VALUES && n / nonNull < EMPTY) || (n >= MIN_VALUES && codes / n >= MOST),
      digitsContradict(range) {
        if (!range || n < MIN_VALUES || short / n < MOST) return false;
        let inRange = 0;
        for (let d = range[0]; d <= Math.min(40, range[1]); d++) inRange += digitsOfShort[d]!;
        return inRange / short < FEW;
      },
    };
  }
}

export function shapeGates(values: readonly (string | null)[] | null): ShapeGates {
  const counts = new ShapeCounts();
  for (const v of values ?? []) {
    if (v === null) continue;
    let nonBlank = 0;
    let digits = 0;
    // Digits count only in short values; a longer value is read only until it is more than a code
    // (a 4 KiB note was read to its end for nothing).
    const isShort = v.length < SHORT;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) nonBlank++;
      if (c >= 48 && c <= 57) digits++;
      if (!isShort && nonBlank > CODE_LENGTH) break;
    }
    counts.count(v.length, nonBlank, digits);
  }
  return counts.gates();
}

const isBlank = (v: string) => {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
};

/**
 * The values a column's evidence is measured on: blank strings read as no value. A share measured
 * over every row (blanks included) sits wherever the column's fill rate puts it — a half-filled
 * column of SNOMED descriptions measured 48-53% against a 50% line and came and went between
 * samples; over its values it measures 100%.
 */
export function blanksAsNull(values: readonly (string | null)[] | null): readonly (string | null)[] | null {
  if (!values || !values.some((v) => v !== null && isBlank(v))) return values;
  return values.map((v) => (v !== null && isBlank(v) ? null : v));
}

/** Sampled values that are not NULL (blanks included): the scan's reported `nonNull`. */
export function countNonNull(values: readonly (string | null)[] | null): number {
  let n = 0;
  for (const v of values ?? []) if (v !== null) n++;
  return n;
}

/** Standard errors a share's lower bound stands below the measured share. */
const Z = 2;

/** A share measured on `n` values, at its lower confidence bound (Wilson score interval, z = 2). */
export function shareLow(share: number, n: number): number {
  if (n <= 0 || share <= 0) return 0;
  const p = Math.min(1, share);
  const z2 = Z * Z;
  const centre = p + z2 / (2 * n);
  const spread = Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - spread) / (1 + z2 / n));
}

/** A share's upper confidence bound (Wilson, z = 2): what the sample cannot rule out. */
export function shareHigh(share: number, n: number): number {
  if (n <= 0) return 1;
  return 1 - shareLow(1 - Math.min(1, Math.max(0, share)), n);
}


/**
 * Whether a key path present in `present` of `parsed` documents is common enough to speak for the
 * column. A path is rare only when even the upper bound of its presence is under 20%: an optional
 * field filled in one document of five is on that line, and the measured presence alone put it on
 * either side from one sample to the next.
 */
export function pathSpeaks(present: number, parsed: number): boolean {
  return present >= MIN_PATH_DOCUMENTS && shareHigh(present / Math.max(1, parsed), parsed) >= MIN_PATH_SHARE;
}
