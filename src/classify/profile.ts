/**
 * A column's profile: what every detector reads about one column, computed once. The counts come
 * from one pass over the sampled values; the costlier facts (value-rule tallies, JSON/XML leaves,
 * whether the values run like a counter) are computed on first use and kept.
 */
import type { TypeClass } from '../../connectors/types.js';
import type { Rules } from '../rules/types.js';
import type { NameDictionaries } from './person-names.js';
import {
  CODE_LENGTH,
  DIGITS_IN_RANGE_SHARE,
  MIN_VALUES_FOR_SHAPE,
  PROSE_SHARE,
  SHAPE_SHARE,
  SHORT_LENGTH,
  WORDED_SHARE,
} from './scoring.js';
import { isRunningNumber } from './sequence.js';
import { looksStructured, structuredLeaves, type Leaves } from './structured.js';
import { nameTokens } from './tokens.js';
import { nameDictionaries, tallyValues, type ValueTally } from './values.js';

export interface ColumnInput {
  readonly name: string;
  readonly typeClass: TypeClass;
  /** Sampled values as text; null when the column was not sampled (binary, skipped). */
  readonly values: readonly (string | null)[] | null;
  /** Categories read back from labels (comments, sensitivity classifications). */
  readonly labels?: readonly string[];
}

/** Digit counts are tallied up to this many (a longer run counts as this many). */
const MAX_DIGITS = 40;

/** Among rules of one group (the same values read several ways), keep the least likely by chance. */
export function resolveGroups(tallies: ValueTally[], nonNull: number): ValueTally[] {
  const qualified = (t: ValueTally) => t.validated / nonNull >= t.rule.def.minShare;
  const bestOfGroup = new Map<string, ValueTally>();
  for (const t of tallies) {
    const g = t.rule.def.group;
    if (!g || !qualified(t) || t.rule.def.supportOnly) continue;
    const score = (x: ValueTally) => (x.validated / nonNull) * Math.log(1 / Math.max(1e-6, x.rule.def.chance));
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
  readonly nonNull: number;
  /** A column of one- to three-character codes (Y/N, flags): it cannot hold any category's values. */
  readonly codesOnly: boolean;
  /** Prose: enough values with ≥ 3 spaces and ≥ 2 words (not a date column). */
  readonly prose: boolean;
  /** A text column with enough values holding a space and a word (short texts, log lines). */
  readonly wordedText: boolean;
  readonly dictionaries: NameDictionaries;
  private readonly rules: Rules;
  /** digitsOfShort[d]: short values holding d digits (d capped at MAX_DIGITS). */
  private readonly digitsOfShort: number[];
  private readonly short: number;
  private tallies: ValueTally[] | undefined;
  private running: boolean | undefined;
  private leaves: Leaves | null | undefined;

  constructor(input: ColumnInput, rules: Rules, now: Date) {
    this.name = input.name;
    this.typeClass = input.typeClass;
    this.values = input.values;
    this.labels = input.labels ?? [];
    this.now = now;
    this.rules = rules;
    this.tokens = nameTokens(input.name, rules);
    this.dictionaries = nameDictionaries(rules);
    let nonNull = 0;
    let shortValues = 0;
    let spaced = 0;
    let worded = 0;
    const digitsOfShort = new Array<number>(MAX_DIGITS + 1).fill(0);
    let short = 0;
    // Read once into locals: the loop below runs per character of every sampled value.
    const shortLength = SHORT_LENGTH;
    const codeLength = CODE_LENGTH;
    if (input.values) {
      for (const v of input.values) {
        if (v === null) continue;
        nonNull++;
        // Counted without allocating: short codes (≤ 3 non-blank chars), digits of short values, and
        // prose: ≥ 3 spaces and ≥ 2 words of ≥ 3 letters (an IBAN or an address line is not prose).
        let nonBlank = 0;
        let spaces = 0;
        let words = 0;
        let run = 0;
        let digits = 0;
        const isShort = v.length < shortLength;
        for (let i = 0; i < v.length; i++) {
          const c = v.charCodeAt(i);
          if (c === 32) spaces++;
          else nonBlank++;
          if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
            if (++run === 3) words++;
          } else {
            run = 0;
            if (c >= 48 && c <= 57) digits++;
          }
          if (!isShort && nonBlank > codeLength && spaces >= 3 && words >= 2) break;
        }
        if (nonBlank <= codeLength) shortValues++;
        if (spaces >= 3 && words >= 2) spaced++;
        if (spaces >= 1 && words >= 1) worded++;
        if (isShort) {
          short++;
          digitsOfShort[Math.min(MAX_DIGITS, digits)]!++;
        }
      }
    }
    this.nonNull = nonNull;
    this.digitsOfShort = digitsOfShort;
    this.short = short;
    this.codesOnly = nonNull >= MIN_VALUES_FOR_SHAPE && shortValues / nonNull >= SHAPE_SHARE;
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
    if (!range || this.nonNull < MIN_VALUES_FOR_SHAPE || this.short / this.nonNull < SHAPE_SHARE) return false;
    let inRange = 0;
    for (let d = range[0]; d <= Math.min(MAX_DIGITS, range[1]); d++) inRange += this.digitsOfShort[d]!;
    return inRange / this.short < DIGITS_IN_RANGE_SHARE;
  }

  /** The value rules' tallies over the sampled values, one rule per group (empty when not sampled). */
  get valueTallies(): readonly ValueTally[] {
    if (this.tallies === undefined) {
      this.tallies = this.sampled ? resolveGroups(tallyValues(this.values!, this.rules, this.dictionaries), this.nonNull) : [];
    }
    return this.tallies;
  }

  /** Whether a specific (not support-only) value rule explains the values: then they are not searched as text. */
  get explained(): boolean {
    return this.valueTallies.some((t) => !t.rule.def.supportOnly && t.validated / this.nonNull >= t.rule.def.minShare);
  }

  /** Whether the values read as one prefix plus a running counter (sequence.ts). */
  runningNumber(): boolean {
    return (this.running ??= this.values !== null && isRunningNumber(this.values));
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
