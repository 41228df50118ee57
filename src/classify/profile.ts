/**
 * A column's profile: what every detector reads about one column, computed once. The counts come
 * from one pass over the sampled values; the costlier facts (value-rule tallies, JSON/XML leaves,
 * whether the values run like a counter) are computed on first use and kept.
 */
import type { TypeClass } from '../../connectors/types.js';
import type { Rules } from '../rules/types.js';
import type { NameDictionaries } from './person-names.js';
import { CODE_LENGTH, PROSE_SHARE, WORDED_SHARE } from './scoring.js';
import { blanksAsNull, ShapeCounts, type ShapeGates } from './margins.js';
import { isRunningNumber } from './sequence.js';
import { looksStructured, structuredLeaves, type Leaves } from './structured.js';
import { nameTokens } from './tokens.js';
import { int32Scratch } from '../util/slab.js';
import { MAX_RUN, MAX_SHAPED, packShape, shapeBitOf, SHAPE_BITS, untrimmed } from './shape.js';
import { nameDictionaries, tallyValues, type TermVerdicts, type ValueTally } from './values.js';

export interface ColumnInput {
  readonly name: string;
  readonly typeClass: TypeClass;
  /** Sampled values as text; null when the column was not sampled (binary, skipped). */
  readonly values: readonly (string | null)[] | null;
  /** Categories read back from labels (comments, sensitivity classifications). */
  readonly labels?: readonly string[];
}

/**
 * What the profile's pass reads of each character, by ASCII code (index 128: any non-ASCII
 * character), in two tables so that a character costs two loads and a few operations:
 * CHAR_CLASS holds whether it is an ASCII letter (bit 0) and, from bit 1 on, the value rules'
 * character category (shape.ts SHAPE_*), so a value's shape bits are the OR of its classes,
 * shifted; CHAR_COUNT holds what it adds to three counters kept in one sum, 10 bits each (a value
 * this pass reads has at most MAX_SHAPED characters): spaces, digits, and characters that are not
 * blank (neither space, tab, CR nor LF).
 * NOTE: 10 bits count up to 1023, above MAX_SHAPED: longer values take the other path below.
 */
const LETTER = 1;
const CATEGORY_SHIFT = 1;
const DIGIT_COUNT = 1 << 10;
const NON_BLANK_COUNT = 1 << 20;
const CHAR_CLASS = new Uint16Array(129);
const CHAR_COUNT = new Int32Array(129);
for (let c = 0; c <= 128; c++) {
  CHAR_CLASS[c] = ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? LETTER : 0) | (shapeBitOf(c) << CATEGORY_SHIFT);
  CHAR_COUNT[c] = (c === 32 ? 1 : 0) | (c >= 48 && c <= 57 ? DIGIT_COUNT : 0) | (c === 32 || c === 9 || c === 10 || c === 13 ? 0 : NON_BLANK_COUNT);
}
const countSpaces = (sum: number) => sum & 1023;
const countDigits = (sum: number) => (sum >> 10) & 1023;
const countNonBlank = (sum: number) => sum >> 20;

/** Characters other than space, tab, CR and LF at the start of `v`, counted up to `max`. */
function nonBlankUpTo(v: string, max: number): number {
  let n = 0;
  for (let i = 0; i < v.length && n < max; i++) {
    const c = v.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) n++;
  }
  return n;
}

/** Spaces (U+0020) in `v`, counted up to `max`. */
function countUpTo(v: string, max: number): number {
  let n = 0;
  for (let at = v.indexOf(' '); at >= 0 && ++n < max; at = v.indexOf(' ', at + 1));
  return n;
}

/** A word as the profile's pass counts one: a maximal run of at least three ASCII letters. */
const WORD = /[A-Za-z]{3,}/g;

/** Words in `v` (maximal runs of ≥ 3 ASCII letters), counted up to `max`. */
function wordsUpTo(v: string, max: number): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (n < max && WORD.test(v)) n++;
  return n;
}

/** Among rules of one group (the same values read several ways), keep the least likely by chance. */
export function resolveGroups(tallies: ValueTally[]): ValueTally[] {
  const qualified = (t: ValueTally) => t.validated / t.examined >= t.rule.def.minShare;
  const bestOfGroup = new Map<string, ValueTally>();
  for (const t of tallies) {
    const g = t.rule.def.group;
    if (!g || !qualified(t) || t.rule.def.supportOnly) continue;
    const score = (x: ValueTally) => (x.validated / x.examined) * Math.log(1 / Math.max(1e-6, x.rule.def.chance));
    const prev = bestOfGroup.get(g);
    if (!prev || score(t) > score(prev)) bestOfGroup.set(g, t);
  }
  return tallies.filter((t) => {
    const best = t.rule.def.group ? bestOfGroup.get(t.rule.def.group) : undefined;
    return !best || best === t;
  });
}

export class ColumnProfile {
  readonly name: string;
  readonly typeClass: TypeClass;
  /** Sampled values; null when the column was not sampled. */
  readonly values: readonly (string | null)[] | null;
  readonly labels: readonly string[];
  /** The scan's clock (birth dates are judged against it). */
  readonly now: Date;
  /** The column name's canonical tokens (tokens.ts). */
  readonly tokens: readonly string[];
  /** Filled values (neither NULL nor blank): the base of every share a detector measures. */
  readonly nonNull: number;
  /** Sampled values that are not NULL, blanks included: the scan's reported `nonNull`. */
  readonly nonNullRows: number;
  /** A column of one- to three-character codes (Y/N, flags): it cannot hold any category's values. */
  readonly codesOnly: boolean;
  /** Prose: enough values with ≥ 3 spaces and ≥ 2 words (not a date column). */
  readonly prose: boolean;
  /** A text column with enough values holding a space and a word (short texts, log lines). */
  readonly wordedText: boolean;
  readonly dictionaries: NameDictionaries;
  private readonly rules: Rules;
  /** The code and digit-count gates, measured over non-blank values (margins.ts). */
  private readonly gates: ShapeGates;
  /** Each value's packed shape (shape.ts), -1 where the value rules measure it themselves (the text rules read its digit count). */
  readonly shapes: Int32Array | null;
  private tallies: ValueTally[] | undefined;
  private readonly verdicts: TermVerdicts = new Map();
  private running: boolean | undefined;
  private leaves: Leaves | null | undefined;

  constructor(input: ColumnInput, rules: Rules, now: Date) {
    this.name = input.name;
    this.typeClass = input.typeClass;
    this.labels = input.labels ?? [];
    this.now = now;
    this.rules = rules;
    this.tokens = nameTokens(input.name, rules);
    this.dictionaries = nameDictionaries(rules);
    // One pass over the values counts what the profile and the shape gates (margins.ts) need.
    const gates = new ShapeCounts();
    let blanks = false;
    let nonNull = 0;
    let spaced = 0;
    let worded = 0;
    const values = input.values;
    // Each value's shape for the value rules (shape.ts packShape), or -1 where they measure it themselves.
    const shapes = values ? int32Scratch(values.length) : null;
    if (values) {
      // Each value's length first, in a loop of independent loads: a sample's strings lie anywhere
      // in the heap, and reading the next one's header only after this one's characters were
      // counted waited on memory once per value (half the pass on shuffled columns). Without
      // dependencies between iterations the processor has many of these loads in flight at once.
      for (let k = 0; k < values.length; k++) {
        const v = values[k]!;
        shapes![k] = v === null ? -1 : v.length;
      }
      // NOTE: an indexed loop, not for-of: this constructor is not always optimised with the array
      // iterator's result objects folded away, and then for-of allocated one per value (about
      // 1 GB over 30 million values, a quarter of what a 2,000-table scan allocated).
      for (let index = 0; index < values.length; index++) {
        const v = values[index]!;
        if (v === null) continue;
        // Counted without allocating: prose is ≥ 3 spaces and ≥ 2 words of ≥ 3 letters (an IBAN or
        // an address line is not prose); worded text has a space and a word.
        const length = shapes![index]!;
        if (length > MAX_SHAPED) {
          // A long value has no shape for the value rules, and what the profile reads of it is
          // bounded: found natively instead of by a loop over up to 4 KiB of characters.
          shapes![index] = -1;
          const nonBlank = nonBlankUpTo(v, CODE_LENGTH + 1);
          gates.count(length, nonBlank, 0);
          if (nonBlank === 0) {
            blanks = true;
            continue;
          }
          nonNull++;
          const spaces = countUpTo(v, 3);
          if (spaces > 0) {
            const words = wordsUpTo(v, spaces >= 3 ? 2 : 1);
            if (spaces >= 3 && words >= 2) spaced++;
            if (words >= 1) worded++;
          }
          continue;
        }
        let words = 0;
        let run = 0;
        let sum = 0;
        let seen = 0;
        let i = 0;
        for (; i < length; i++) {
          const c = v.charCodeAt(i);
          const x = c < 128 ? c : 128;
          const k = CHAR_CLASS[x]!;
          seen |= k;
          sum += CHAR_COUNT[x]!;
          // Branch-free letter runs: a uuid or a code alternates letters and digits at random, and
          // a mispredicted branch per character cost more than the rest of the loop.
          run = (run + 1) & -(k & LETTER);
          words += ((run ^ 3) - 1) >>> 31;
          // NOTE: no early stop once a value reads as prose: the value rules need its shape (the
          // digit count), and a value left unshaped here was read again, whole, by tallyValues
          // (shapeOf, a slower branching loop): finishing this pass costs less than that.
        }
        const spaces = countSpaces(sum);
        const digits = countDigits(sum);
        const nonBlank = countNonBlank(sum);
        gates.count(length, nonBlank, digits);
        // The letter run the shape keeps is a bound read off the word count, not measured: a
        // value without a word has at most 2 letters in a row (no more op per character).
        shapes![index] =
          i === length && length <= MAX_SHAPED && untrimmed(v)
            ? packShape(length, digits, (seen >> CATEGORY_SHIFT) & ((1 << SHAPE_BITS) - 1), words > 0 ? MAX_RUN : 2)
            : -1;
        // Blank strings read as no value (margins.ts): shares are measured over what the column holds.
        if (nonBlank === 0) {
          blanks = true;
          continue;
        }
        nonNull++;
        if (spaces >= 3 && words >= 2) spaced++;
        if (spaces >= 1 && words >= 1) worded++;
      }
    }
    this.values = blanks ? blanksAsNull(values) : values;
    this.shapes = shapes;
    this.nonNull = nonNull;
    this.nonNullRows = gates.nonNull;
    this.gates = gates.gates();
    this.codesOnly = this.gates.codesOnly;
    const sampled = input.values !== null && nonNull > 0;
    this.prose = sampled && input.typeClass !== 'date' && input.typeClass !== 'timestamp' && spaced / nonNull >= PROSE_SHARE;
    this.wordedText = sampled && input.typeClass === 'text' && worded / nonNull >= WORDED_SHARE;
  }

  /** Whether the column has sampled non-null values at all. */
  get sampled(): boolean {
    return this.values !== null && this.nonNull > 0;
  }

  /** Whether the column's short values mostly hold a digit count the category never has. */
  digitsContradict(range: readonly [number, number] | undefined): boolean {
    return this.gates.digitsContradict(range);
  }

  /** The value rules' tallies over the sampled values, one rule per group (empty when not sampled). */
  get valueTallies(): readonly ValueTally[] {
    if (this.tallies === undefined) {
      this.tallies = this.sampled ? resolveGroups(tallyValues(this.values!, this.rules, this.dictionaries, this.shapes, true, this.verdicts)) : [];
    }
    return this.tallies;
  }

  /** The value rules' term-dictionary verdicts on each value (values.ts TermVerdicts), for the text rules. */
  get termVerdicts(): ReadonlyMap<string, Uint8Array> {
    void this.valueTallies;
    return this.verdicts;
  }

  /** Whether a specific (not support-only) value rule explains the values: then they are not searched as text. */
  get explained(): boolean {
    return this.valueTallies.some((t) => !t.rule.def.supportOnly && t.validated / t.examined >= t.rule.def.minShare);
  }

  /** Whether the values read as one prefix plus a running counter (sequence.ts). */
  runningNumber(): boolean {
    return (this.running ??= this.values !== null && isRunningNumber(this.values, this.nonNull));
  }

  /** JSON/XML leaves by key path, when the column holds such documents; else null. */
  get structured(): Leaves | null {
    if (this.leaves === undefined) {
      const t = this.typeClass;
      const kind = !this.sampled ? null : t === 'json' ? 'json' : t === 'text' || t === 'other' ? looksStructured(this.values!) : null;
      this.leaves = kind ? structuredLeaves(this.values!, kind) : null;
    }
    return this.leaves;
  }
}
