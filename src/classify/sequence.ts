/**
 * Running numbers: a column of one letter prefix and a counter (`C1`, `C2` … `C1000`, `INV-0042`)
 * is a sequence of keys, whatever a code system would read into single values (C10.0 is an ICD-10
 * code; `C100` is the hundredth row). Real coded data repeats (many patients share E11.9) and
 * spreads over chapters (first letters); a sequence does neither: one prefix, nearly every value
 * distinct, the counters spread over several digit lengths.
 *
 * The test runs on every column a value rule of a common shape explains, so it reads each value
 * once without a regex or a string built per value, and gives up as soon as so many values failed
 * to match that the 90% line can no longer be reached (a column of e-mail addresses is given up
 * after a tenth of its values).
 */

/** A value as `^([A-Za-z]{1,4})[-_ ]?(\d{1,12})$`, once trimmed. */
const PREFIXED = /^([A-Za-z]{1,4})[-_ ]?(\d{1,12})$/;

/** The last match's prefix (upper-cased, base 27 per letter), counter, and the counter's significant digits. */
let matchPrefix = 0;
let matchCounter = 0;
let matchDigits = 0;

/** Whether `c` may be trimmed by String.prototype.trim (ASCII blanks, or any non-ASCII character). */
const maybeBlank = (c: number) => c <= 32 || c >= 127;

/** Matches `v` (untrimmed: first and last characters are not blanks) against PREFIXED; sets the match state. */
function matchTrimmed(v: string, start: number, end: number): boolean {
  let i = start;
  let prefix = 0;
  while (i < end && i - start < 5) {
    const c = v.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    prefix = prefix * 27 + (c - 96);
    i++;
  }
  const letters = i - start;
  if (letters === 0 || letters > 4) return false;
  if (i < end) {
    const c = v.charCodeAt(i);
    if (c === 45 || c === 95 || c === 32) i++;
  }
  const digitsStart = i;
  let counter = 0;
  let significant = 0;
  while (i < end) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    counter = counter * 10 + (c - 48);
    if (counter > 0) significant++;
    i++;
  }
  const digits = end - digitsStart;
  if (digits === 0 || digits > 12) return false;
  matchPrefix = prefix;
  matchCounter = counter;
  // String(Number(counter)).length: the digits after leading zeros, and one for zero itself.
  matchDigits = significant === 0 ? 1 : significant;
  return true;
}

/** Whether `raw` reads as a prefix plus a counter (`raw.trim()` matches PREFIXED); sets the match state. */
function matchPrefixed(raw: string): boolean {
  const n = raw.length;
  if (n === 0) return false;
  if (!maybeBlank(raw.charCodeAt(0)) && !maybeBlank(raw.charCodeAt(n - 1))) return matchTrimmed(raw, 0, n);
  // A value with blanks (or non-ASCII characters) at its ends: trimmed exactly as the regex saw it.
  const v = raw.trim();
  if (!PREFIXED.test(v)) return false;
  return matchTrimmed(v, 0, v.length);
}

/**
 * Distinct (prefix, counter) pairs of one column, counted in an open-addressing table kept between
 * calls and cleared by a generation stamp. NOTE: a Set of counters per prefix grew by rehashing to
 * about a thousand entries on every column a value rule of a common shape explains, and was two
 * fifths of what classifying such a column allocated.
 */
class PairCounter {
  private prefixes = new Int32Array(0);
  private counters = new Float64Array(0);
  private stamps = new Int32Array(0);
  private mask = 0;
  private stamp = 0;
  /** Distinct pairs added since `reset`. */
  size = 0;

  /** Empties the table, sized for up to `n` pairs (at most half full). */
  reset(n: number): void {
    let capacity = 64;
    while (capacity < 2 * n) capacity *= 2;
    if (capacity > this.stamps.length) {
      this.prefixes = new Int32Array(capacity);
      this.counters = new Float64Array(capacity);
      this.stamps = new Int32Array(capacity);
      this.stamp = 0;
    }
    this.mask = this.stamps.length - 1;
    if (++this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    this.size = 0;
  }

  /** Adds the pair (at most the `n` given to `reset`, counters below 10^12). */
  add(prefix: number, counter: number): void {
    // Counters fit in 40 bits: the low 32 and the rest, mixed with the prefix (multiplicative hashing).
    const low = counter % 4294967296;
    const high = (counter - low) / 4294967296;
    let h = (Math.imul((low | 0) ^ Math.imul(high ^ prefix, 0x27d4eb2d), 0x9e3779b1) >>> 0) & this.mask;
    const { stamps, prefixes, counters } = this;
    for (;;) {
      if (stamps[h] !== this.stamp) {
        stamps[h] = this.stamp;
        prefixes[h] = prefix;
        counters[h] = counter;
        this.size++;
        return;
      }
      if (prefixes[h] === prefix && counters[h] === counter) return;
      h = (h + 1) & this.mask;
    }
  }
}

const pairs = new PairCounter();

/**
 * Whether the values read as one prefix plus a running counter. `filled`, when known, is the
 * number of non-null values (it lets the test stop early).
 */
export function isRunningNumber(values: readonly (string | null)[], filled?: number): boolean {
  let total = filled ?? 0;
  if (filled === undefined) for (const v of values) if (v !== null) total++;
  if (total < 20) return false;
  let failed = 0;
  let matched = 0;
  // Values by prefix, and distinct (prefix, counter) pairs, as `prefix + Number(counter)` strings were.
  const prefixes = new Map<number, number>();
  pairs.reset(values.length);
  // The prefix of the last match and its count not yet in `prefixes`: a column holds one prefix or
  // a few, so most values need no map.
  let current = -1;
  let currentCount = 0;
  let lengths = 0; // bit d set when a counter of d significant digits was seen
  for (let k = 0; k < values.length; k++) {
    const raw = values[k];
    if (raw === null || raw === undefined) continue;
    if (!matchPrefixed(raw)) {
      // The match rate is at most (total - failed) / total from here on.
      if ((total - ++failed) / total < 0.9) return false;
      continue;
    }
    matched++;
    const p = matchPrefix;
    if (p !== current) {
      if (currentCount > 0) prefixes.set(current, (prefixes.get(current) ?? 0) + currentCount);
      current = p;
      currentCount = 0;
    }
    currentCount++;
    pairs.add(p, matchCounter);
    lengths |= 1 << matchDigits;
  }
  if (currentCount > 0) prefixes.set(current, (prefixes.get(current) ?? 0) + currentCount);
  if (matched / total < 0.9) return false;
  let top = 0;
  for (const n of prefixes.values()) if (n > top) top = n;
  const distinct = pairs.size;
  // One prefix, (nearly) every value distinct, and counters of at least two digit lengths.
  return top / matched >= 0.9 && distinct / matched >= 0.9 && (lengths & (lengths - 1)) !== 0;
}
