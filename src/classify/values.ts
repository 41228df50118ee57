/** Value evidence: whole-value rules over a column's sampled values, with validation. */
import type { Rules, CompiledValueRule } from '../rules/types.js';
import { looksLikePersonName, type NameDictionaries } from './person-names.js';
import { matchesTemplates, passesGates, regexPrefilter, type BranchGate, type DigitTemplate } from './regex-prefilter.js';
import { MAX_RUN, newShape, shapeBitOf, SHAPE_ALPHA, SHAPE_AT, SHAPE_BITS, SHAPE_COLON, SHAPE_DIGIT, SHAPE_DOT, shapeBitsOf, shapeDigits, shapeLength, shapeOf, shapeRun, untrimmed } from './shape.js';
import { dictionaryTrie } from './text.js';
import { ownerMemo } from '../util/memo.js';
import { zeroedBytes } from '../util/slab.js';
import {
  CANDIDATE_AT,
  PARTIAL_FACTOR,
  PARTIAL_MIN_VALID,
  REPORT_AT,
  SEQUENTIAL_MAX_PREFIXES,
  SEQUENTIAL_MIN_VALID,
  SETTLE_Z,
  VALUE_BASE,
  VALUE_FULL_SHARE,
  VALUE_MIN_SPAN,
  VALUE_RAMP,
} from './scoring.js';

/**
 * What one value rule saw in one column. Raw examples stay in memory only (masked before output).
 * The counts are over the `examined` values: the whole sample, or, when the column settled early
 * (`settled` below), the spread of it examined by then; shares are counts / `examined` either way.
 */
export interface ValueTally {
  readonly rule: CompiledValueRule;
  /**
   * Non-null values the counts are over: all of the sample's, or those examined when the column
   * settled. (After the early exit at EARLY_EXIT_AFTER it stays the whole sample: the values not
   * examined count as unmatched, which no rule there was near its minShare to notice.)
   */
  examined: number;
  matched: number;
  /** Sum of validator scores over matched values (a rule without validator scores 1 per match). */
  validated: number;
  /** Count of values whose validator score was at least 0.5. */
  validCount: number;
  readonly rawExamples: string[];
  /** Distinct first-3-character prefixes of validated values (weak-shape rules only): sequences are not ids of people. */
  readonly prefixes: Set<string> | null;
}

/** Structured values are inspected up to this many characters (longer values are text, not ids). */
const MAX_STRUCTURED = 256;
const MAX_EXAMPLES = 3;

const dictionariesOf = ownerMemo<Rules, NameDictionaries>(1, (_key, rules) => ({
  first: rules.dictionaries.get('first-names') ?? new Set(),
  last: rules.dictionaries.get('last-names') ?? new Set(),
}));

/** The person-name lists of a rule set (one object per rule set, shared). */
export function nameDictionaries(rules: Rules): NameDictionaries {
  return dictionariesOf(rules, '');
}

/**
 * After this many non-null values, a column where no rule matched more than EARLY_EXIT_SHARE of
 * them is decided: the sample is random, and the values are a spread of it (PASSES), so the rest
 * cannot lift any rule to its minimum share.
 */
export const EARLY_EXIT_AFTER = 256;
const EARLY_EXIT_SHARE = 0.02;

/**
 * Values are examined in passes, each over every PASSES.length-th position from one offset of this
 * list: whenever a pass ends, the values examined are a spread of the whole sample, not its first
 * rows. A small table is read whole in physical order, and its first rows need not look like its
 * last (rows appended by a later import, a format changed). Both exits judge such a spread.
 */
const PASSES = [0, 4, 2, 6, 1, 5, 3, 7];

/**
 * The shares a rule's values are judged at (detectors/value.ts): its minShare and reportShare, and
 * where its weight alone crosses CANDIDATE_AT or REPORT_AT (below minShare weight × share ×
 * PARTIAL_FACTOR, above it qualifiedValueWeight's ramp; before the sequence discounts). The weight
 * grows with the share, so a share far from all of these leaves a column of values alone where it is.
 */
function shareLines(def: CompiledValueRule['def']): number[] {
  const lines = def.reportShare === undefined ? [def.minShare] : [def.minShare, def.reportShare];
  const span = Math.max(VALUE_MIN_SPAN, VALUE_FULL_SHARE - def.minShare);
  for (const at of [CANDIDATE_AT, REPORT_AT]) {
    const partial = at / (def.weight * PARTIAL_FACTOR);
    if (partial < def.minShare) lines.push(partial);
    const ramp = def.minShare + (span * (at / def.weight - VALUE_BASE)) / VALUE_RAMP;
    if (ramp > def.minShare && ramp < def.minShare + span) lines.push(ramp);
  }
  return lines;
}

/**
 * Whether the values not yet examined (`total` - `n` of them) cannot change what the value
 * detector (detectors/value.ts) and the group choice (resolveGroups) make of the tallies, beyond
 * sampling error: every share lies SETTLE_Z standard errors from each line it is judged at (shareLines).
 * The full sample's share is (count so far + the rest's count) / total; with the rest drawn from
 * the same column its standard error is sqrt(p(1 - p) / n × (total - n) / total) (a finite
 * population: nothing is left to guess once n = total), taken at the threshold itself (p = t), so
 * a share of 0 or 1 so far still keeps a margin. Counts the detector compares with a number
 * (PARTIAL_MIN_VALID, SEQUENTIAL_MIN_VALID) are settled once reached (they only grow) or when far
 * below it as a share of the total. `grewAt[i]` is rule i's validCount when its prefix set last grew.
 */
function settled(tallies: readonly ValueTally[], n: number, total: number, grewAt: Int32Array, ruleOf: readonly number[]): boolean {
  const far = (share: number, t: number) => farFrom(share, t, n, total);
  // A category's share sums its (non-support) rules' shares, over the rules resolveGroups keeps:
  // it lies between the largest and the sum of them all.
  const low = new Map<string, number>();
  const high = new Map<string, number>();
  for (const t of tallies) {
    const def = t.rule.def;
    if (def.supportOnly) continue;
    const share = t.validated / n;
    low.set(def.category, Math.max(low.get(def.category) ?? 0, share));
    high.set(def.category, (high.get(def.category) ?? 0) + share);
  }
  const qualifiedGroups = new Set<string>();
  for (let r = 0; r < tallies.length; r++) {
    const t = tallies[r]!;
    const def = t.rule.def;
    const own = t.validated / n;
    // The rule's own share decides resolveGroups, `explained` and support-only rules; the category's
    // (between the two) the others: each must stay on its side of every line.
    const lo = own;
    const hi = def.supportOnly ? own : Math.min(1, high.get(def.category)!);
    for (const line of shareLines(def)) {
      if (!(hi < line && far(hi, line)) && !(lo >= line && far(lo, line))) return false;
    }
    if (own >= def.minShare) {
      // Two qualified rules of a group: which one reads the values is a close call on their shares.
      if (def.group !== undefined && !def.supportOnly) {
        if (qualifiedGroups.has(def.group)) return false;
        qualifiedGroups.add(def.group);
      }
      // Sequential ids: the count must be settled, and a prefix set under SEQUENTIAL_MAX_PREFIXES
      // must have stopped growing (no new prefix over the last half of the validated values).
      if (t.prefixes !== null) {
        if (t.validCount < SEQUENTIAL_MIN_VALID && !(t.validCount / n < SEQUENTIAL_MIN_VALID / total && far(t.validCount / n, SEQUENTIAL_MIN_VALID / total))) return false;
        if (t.validCount >= SEQUENTIAL_MIN_VALID && t.prefixes.size < SEQUENTIAL_MAX_PREFIXES && grewAt[ruleOf[r]!]! > t.validCount / 2) return false;
      }
    } else if (t.validCount < PARTIAL_MIN_VALID && !(hi < EARLY_EXIT_SHARE && far(hi, EARLY_EXIT_SHARE))) {
      // Below its minShare a rule speaks from PARTIAL_MIN_VALID validated values on, with a weight in
      // proportion to its share: settled once that count is reached, or when the share is far under
      // EARLY_EXIT_SHARE (evidence the early exit above already neglects).
      return false;
    }
  }
  return true;
}

/**
 * Whether `share`, measured over `n` of a sample's `total` values, lies SETTLE_Z standard errors
 * from the line `t`: sqrt(t(1 - t) / n × (total - n) / total), taken at the line itself (finite
 * population: nothing is left to guess once n = total).
 */
function farFrom(share: number, t: number, n: number, total: number): boolean {
  return Math.abs(share - t) >= SETTLE_Z * Math.sqrt(((t * (1 - t)) / n) * ((total - n) / total));
}

/** A small sample settles from this many values on, at the earliest. */
const SETTLE_MIN = 64;

/**
 * Whether a column may settle after `n` of its `total` values before EARLY_EXIT_AFTER: the
 * rest is so small a part of it that a rule not yet matched at all lies SETTLE_Z standard errors
 * under EARLY_EXIT_SHARE (the test `settled` makes of a rule that matched a few times, here asked
 * of every rule that did not). With the finite-population term this takes n ≥ 150 of 200 values,
 * 187 of 300, 250 of 500; from about 610 values on it asks more than EARLY_EXIT_AFTER, so larger
 * samples settle exactly as before. Before it, a sample under 256 values never settled: a
 * 10,000-table scan of 200-row tables read every value of every column with every rule.
 */
function smallSettles(n: number, total: number): boolean {
  return n >= SETTLE_MIN && farFrom(0, EARLY_EXIT_SHARE, n, total);
}

/** No position: larger than any sample's. */
const NO_POSITION = 0x7fffffff;
/** Never written to: a rule's example positions until it matches. */
const NO_EXAMPLES: number[] = [];

/**
 * Keeps in `ex` the MAX_EXAMPLES distinct values found earliest in the sample (`pos`: their
 * positions) whatever order values are examined in, so a column read whole shows its first distinct
 * validated values, as when it was read in order. Returns the position a value must come before to
 * be kept (NO_POSITION while there is room).
 */
function keepExample(ex: string[], pos: number[], v: string, k: number): number {
  const at = ex.indexOf(v);
  if (at >= 0) {
    if (k < pos[at]!) pos[at] = k;
  } else if (ex.length < MAX_EXAMPLES) {
    ex.push(v);
    pos.push(k);
  } else {
    let last = 0;
    for (let j = 1; j < pos.length; j++) if (pos[j]! > pos[last]!) last = j;
    if (k < pos[last]!) {
      ex[last] = v;
      pos[last] = k;
    }
  }
  return ex.length < MAX_EXAMPLES ? NO_POSITION : Math.max(...pos);
}

/** A value rule's shape pre-filter as plain numbers, and a faster regex with the same matches when there is one. */
interface ValueFilter {
  readonly minLength: number;
  readonly maxLength: number;
  readonly minDigits: number;
  readonly maxDigits: number;
  /** Shape bits (shape.ts SHAPE_*) the value's shape must all have. */
  readonly requires: number;
  /** Shape bits no match of `regex` has: a value with any of them never matches (regex-prefilter.ts `chars`). */
  readonly excluded: number;
  /** Every match of `regex` holds a run of at least this many ASCII letters (at most MAX_RUN; 0: unknown). */
  readonly minRun: number;
  readonly regex: RegExp | null;
  /** ASCII characters a match of `regex` can start with, when its source tells (regex-prefilter.ts). */
  readonly first: Uint8Array | null;
  /** ASCII characters a match of `regex` can end with, when its source tells. */
  readonly last: Uint8Array | null;
  /** Every match of `regex` is digits only. */
  readonly digitsOnly: boolean;
  /** Per-branch gates of a regex with several branches (regex-prefilter.ts); null for one branch (the checks above are its gate). */
  readonly gates: readonly BranchGate[] | null;
  /** The term dictionary `regex` stands for (a dictionary rule without a regex of its own), or null. */
  readonly terms: string | null;
  /** Digit templates that decide `regex` (regex-prefilter.ts), or null. */
  readonly templates: readonly DigitTemplate[] | null;
  /** For an all-digit value, `regex` matches exactly when its length is in these ranges (regex-prefilter.ts). */
  readonly digitLengths: readonly number[] | null;
}

const REQUIRE_BITS: Record<string, number> = { alpha: SHAPE_ALPHA, digit: SHAPE_DIGIT, at: SHAPE_AT, dot: SHAPE_DOT, colon: SHAPE_COLON };

/** The shape bits of the characters outside `chars` (ASCII characters a match can hold): no match has them. */
function excludedBits(chars: Uint8Array | null): number {
  if (chars === null) return 0;
  let allowed = 0;
  for (let c = 0; c < 128; c++) if (chars[c]) allowed |= shapeBitOf(c);
  return ((1 << SHAPE_BITS) - 1) & ~allowed;
}
const filters = new WeakMap<CompiledValueRule, ValueFilter>();

/** The longest run of ASCII letters in `t`. */
function longestLetterRun(t: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    run = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

function filterOf(rule: CompiledValueRule, rules: Pick<Rules, 'dictionaries'>): ValueFilter {
  let f = filters.get(rule);
  if (f) return f;
  const shape = rule.def.shape;
  let requires = 0;
  for (const r of shape.requires ?? []) requires |= REQUIRE_BITS[r]!;
  // A term dictionary's regex (`\b(?:terms)\b`, case-insensitive) as a trie: the same matches, sooner.
  const terms = rule.def.regex === undefined && rule.dictionary !== null && rule.dictionary !== 'names' ? rules.dictionaries.get(rule.dictionary) : undefined;
  const regex = (terms && dictionaryTrie(terms, 'i')) || rule.regex;
  const pre = regex ? regexPrefilter(regex) : null;
  // A term dictionary's trie matches a whole term: the longest letter run of its shortest-run term.
  let minRun = terms && regex ? MAX_RUN : (pre?.letterRun ?? 0);
  if (terms && regex) for (const t of terms) minRun = Math.min(minRun, longestLetterRun(t));
  f = {
    minLength: shape.length?.[0] ?? 0,
    maxLength: shape.length?.[1] ?? Infinity,
    minDigits: shape.digits?.[0] ?? 0,
    maxDigits: shape.digits?.[1] ?? Infinity,
    requires,
    excluded: excludedBits(pre?.chars ?? null),
    minRun: Math.min(minRun, MAX_RUN),
    regex,
    first: pre?.first ?? null,
    last: pre?.last ?? null,
    digitsOnly: pre?.digitsOnly ?? false,
    terms: terms ? rule.dictionary : null,
    digitLengths: pre?.digitLengths ?? null,
    gates: pre?.gates && pre.gates.length > 1 ? pre.gates : null,
    templates: pre?.templates ?? null,
  };
  filters.set(rule, f);
  return f;
}

/**
 * Per rule list, the indexes of the rules whose length and digit-count filters admit a value of
 * `length` and `digits` (at `length * 257 + digits`, lengths up to MAX_STRUCTURED), built on first
 * use: a value is checked against those rules only, in rule order.
 */
const candidateLists = new WeakMap<readonly CompiledValueRule[], (readonly number[] | undefined)[]>();

/**
 * A rule list's filters, and whether a regex of it answers by its lastIndex (global or sticky: a
 * value's outcome is then not its own), worked out once per rule list instead of once per column
 * (a 200-row column spent a third of its value-rule time on this set-up).
 */
const listFilters = new WeakMap<readonly CompiledValueRule[], { readonly ruleFilters: readonly ValueFilter[]; readonly stateful: boolean }>();

function filtersOf(ruleList: readonly CompiledValueRule[], rules: Pick<Rules, 'dictionaries'>): { readonly ruleFilters: readonly ValueFilter[]; readonly stateful: boolean } {
  let f = listFilters.get(ruleList);
  if (!f) {
    const ruleFilters = ruleList.map((r) => filterOf(r, rules));
    f = { ruleFilters, stateful: ruleFilters.some((x) => x.regex !== null && (x.regex.global || x.regex.sticky)) };
    listFilters.set(ruleList, f);
  }
  return f;
}

/** The candidate lists of a rule list (filled as values ask for them). */
function candidateListsOf(ruleList: readonly CompiledValueRule[]): (readonly number[] | undefined)[] {
  let lists = candidateLists.get(ruleList);
  if (!lists) {
    lists = new Array<readonly number[] | undefined>((MAX_STRUCTURED + 1) * 257);
    candidateLists.set(ruleList, lists);
  }
  return lists;
}

function candidatesOf(lists: (readonly number[] | undefined)[], ruleFilters: readonly ValueFilter[], length: number, digits: number): readonly number[] {
  const key = length * 257 + digits;
  let list = lists[key];
  if (!list) {
    const out: number[] = [];
    for (let i = 0; i < ruleFilters.length; i++) {
      const f = ruleFilters[i]!;
      if (length >= f.minLength && length <= f.maxLength && digits >= f.minDigits && digits <= f.maxDigits) out.push(i);
    }
    lists[key] = list = out;
  }
  return list;
}

/**
 * The candidates of `length` and `digits` further narrowed to the rules whose required shape bits
 * `bits` has, none of whose excluded bits it has (a character no match holds) and, unless the
 * value is all digits, that do not match digits only: what the loop below would skip anyway,
 * decided once per (length, digits, bits) instead of once per value.
 */
const bitLists = new WeakMap<readonly CompiledValueRule[], (readonly (readonly number[] | undefined)[] | undefined)[]>();

function bitListsOf(ruleList: readonly CompiledValueRule[]): ((readonly number[] | undefined)[] | undefined)[] {
  let lists = bitLists.get(ruleList) as ((readonly number[] | undefined)[] | undefined)[] | undefined;
  if (!lists) {
    lists = new Array<(readonly number[] | undefined)[] | undefined>((MAX_STRUCTURED + 1) * 257);
    bitLists.set(ruleList, lists);
  }
  return lists;
}

function candidatesWithBits(
  lists: (readonly number[] | undefined)[],
  byBits: ((readonly number[] | undefined)[] | undefined)[],
  ruleFilters: readonly ValueFilter[],
  length: number,
  digits: number,
  bits: number,
): readonly number[] {
  const key = length * 257 + digits;
  let row = byBits[key];
  if (!row) byBits[key] = row = new Array<readonly number[] | undefined>(1 << SHAPE_BITS);
  let list = row[bits];
  if (!list) {
    const allDigits = digits === length;
    list = candidatesOf(lists, ruleFilters, length, digits).filter((i) => {
      const f = ruleFilters[i]!;
      return (bits & f.requires) === f.requires && (bits & f.excluded) === 0 && !(f.digitsOnly && !allDigits);
    });
    row[bits] = list;
  }
  return list;
}

/**
 * Repeated values are looked up instead of run again (each distinct value's outcome is
 * remembered). A lookup that misses costs about a third of running the rules on a short value,
 * so the memo is dropped as soon as a window of MEMO_PROBE lookups finds fewer than
 * MEMO_MIN_HITS repeats: columns of distinct values pay for one window only.
 */
const MEMO_PROBE = 128;
const MEMO_MIN_HITS = 40;

/** Slots of the memo (a power of two): a column that repeats its values holds far fewer distinct ones. */
const MEMO_SLOTS = 1024;
/** Characters of a value the memo's hash reads: up to half of them from each end. */
const MEMO_HASHED = 32;
/** Matches the memo keeps per column, as [rule index, score] pairs: beyond them it remembers no more. */
const MEMO_MAX_PAIRS = 1 << 16;

/**
 * The memo: a direct-mapped table of MEMO_SLOTS outcomes, kept between calls (each call empties
 * the slots it filled), a value's slot chosen by a hash of its length and its characters at both ends.
 * A slot holds the last value put there: its text, its trimmed text, and where its matches lie in
 * `pool` ([rule index, score] pairs, in rule order). A lookup hits only the very same text (`===`),
 * so a collision costs a run of the rules, never a wrong outcome.
 * NOTE: a Map per column grew by rehashing on every column, and an outcome object and an array of
 * matches were allocated per distinct value: together a fifth of tallyValues' time and most of what
 * it allocated on 200-row tables. This table allocates nothing after its first columns.
 */
class ValueMemo {
  private readonly keys = new Array<string | undefined>(MEMO_SLOTS).fill(undefined);
  /** Per slot, the value trimmed (what the rules read). */
  readonly texts = new Array<string>(MEMO_SLOTS).fill('');
  /** Per slot, where its pairs start in `pool`, and how many numbers they take. */
  readonly starts = new Int32Array(MEMO_SLOTS);
  readonly counts = new Int32Array(MEMO_SLOTS);
  pool = new Float64Array(4096);
  private pooled = 0;
  /** The slot of the value last looked up. */
  private slot = 0;
  /** The slots filled since the last `release`, `used` of them: `release` empties those only. */
  private readonly filled = new Int32Array(MEMO_SLOTS);
  private used = 0;

  /** The slot remembering `raw`, or -1; either way `put` then fills the slot `raw` hashes to. */
  find(raw: string): number {
    const n = raw.length;
    let h = n;
    if (n <= MEMO_HASHED) {
      for (let i = 0; i < n; i++) h = Math.imul(h ^ raw.charCodeAt(i), 0x01000193);
    } else {
      for (let i = 0; i < MEMO_HASHED / 2; i++) h = Math.imul(h ^ raw.charCodeAt(i), 0x01000193);
      for (let i = n - MEMO_HASHED / 2; i < n; i++) h = Math.imul(h ^ raw.charCodeAt(i), 0x01000193);
    }
    const slot = (h ^ (h >>> 15)) & (MEMO_SLOTS - 1);
    this.slot = slot;
    return this.keys[slot] === raw ? slot : -1;
  }

  /** Remembers for `raw` (the value `find` was last asked for) its trimmed text `v` and the pairs `pairs[0, count)`. */
  put(raw: string, v: string, pairs: Float64Array, count: number): void {
    if (this.pooled + count > MEMO_MAX_PAIRS * 2) return;
    if (this.pooled + count > this.pool.length) {
      const grown = new Float64Array(this.pool.length * 2);
      grown.set(this.pool.subarray(0, this.pooled));
      this.pool = grown;
    }
    const slot = this.slot;
    if (this.keys[slot] === undefined) this.filled[this.used++] = slot;
    this.keys[slot] = raw;
    this.texts[slot] = v;
    this.starts[slot] = this.pooled;
    this.counts[slot] = count;
    for (let i = 0; i < count; i++) this.pool[this.pooled++] = pairs[i]!;
  }

  /** Empties the slots a column filled: the table is kept, the column's strings are not. */
  release(): void {
    for (let i = 0; i < this.used; i++) {
      const slot = this.filled[i]!;
      this.keys[slot] = undefined;
      this.texts[slot] = '';
    }
    this.used = 0;
    this.pooled = 0;
  }
}

const valueMemo = new ValueMemo();

/**
 * A term dictionary's verdict on each value, index for index (0: not run on it, 1: a term found,
 * 2: none), by dictionary name: the text rules of the same dictionary (text.ts) then skip the
 * values it found nothing in instead of searching them again.
 */
export type TermVerdicts = Map<string, Uint8Array>;

/**
 * Runs every value rule over the values; returns tallies for rules that matched at least once, in
 * the order they first matched. `shapes`, when given, holds each value's packed shape (shape.ts),
 * -1 where it is to be measured here. `remember: false` runs the rules on every value (the
 * reference the memo is tested against). `verdicts`, when given, is filled (TermVerdicts).
 */
export function tallyValues(
  values: readonly (string | null)[],
  rules: Rules,
  dict: NameDictionaries,
  shapes: Int32Array | null = null,
  remember = true,
  verdicts: TermVerdicts | null = null,
): ValueTally[] {
  try {
    return tallyColumn(values, rules, dict, shapes, remember, verdicts);
  } finally {
    // However the column ended, the memo keeps none of its values.
    valueMemo.release();
  }
}

function tallyColumn(
  values: readonly (string | null)[],
  rules: Rules,
  dict: NameDictionaries,
  shapes: Int32Array | null,
  remember: boolean,
  verdicts: TermVerdicts | null,
): ValueTally[] {
  const shape = newShape();
  const ruleList = rules.values;
  const { ruleFilters, stateful } = filtersOf(ruleList, rules);
  const lists = candidateListsOf(ruleList);
  const byBits = bitListsOf(ruleList);
  // Per-rule state lives in scratch arrays kept between calls (their allocation was most of what a
  // short column cost): byRule is cleared here, a rule's other entries are set when it first matches.
  const n = ruleList.length;
  if (scratch.size < n) scratch = newScratch(n);
  const { byRule, lastPrefix, firstAt, exampleBefore, grewAt, examplePos } = scratch;
  byRule.fill(undefined, 0, n);
  const out: ValueTally[] = [];
  // Per rule, where its dictionary's verdicts go (TermVerdicts), if it is a term dictionary's:
  // made when the rule first runs on a value (most columns never run a term dictionary at all).
  const verdictOf = scratch.verdictOf;
  verdictOf.fill(undefined, 0, n);
  // Per tally of `out`, its rule's index.
  const ruleOf: number[] = [];
  // This value's matches as [rule index, score] pairs, hits[0, nHits) (reused: no allocation per value).
  const hits = scratch.pairs;
  let nHits = 0;
  // A global or sticky regex answers by its lastIndex too: a value's outcome is then not its own.
  let memo: ValueMemo | null = !remember || stateful ? null : valueMemo;
  let lookups = 0;
  let repeats = 0;
  let seen = 0;
  let bestMatched = 0;
  let total = 0;
  for (let k = 0; k < values.length; k++) if (values[k] !== null && values[k] !== undefined) total++;
  let examined = total;
  // Positions pass by pass (PASSES); when a pass ends, the column may be settled.
  for (let pass = 0, k = 0; ; k += PASSES.length) {
    if (k >= values.length) {
      if (++pass === PASSES.length) break;
      if (seen < total && (seen >= EARLY_EXIT_AFTER || smallSettles(seen, total)) && settled(out, seen, total, grewAt, ruleOf)) {
        examined = seen;
        break;
      }
      k = PASSES[pass]!;
      if (k >= values.length) continue;
    }
    const raw = values[k];
    if (raw === null || raw === undefined) continue;
    if (++seen === EARLY_EXIT_AFTER + 1 && bestMatched <= EARLY_EXIT_SHARE * EARLY_EXIT_AFTER) break;
    if (raw.length > MAX_STRUCTURED) continue;
    const packed = shapes !== null ? shapes[k]! : -1;
    // A value no rule's length and digit filters admit matches nothing: no need to remember it.
    if (packed >= 0 && candidatesOf(lists, ruleFilters, shapeLength(packed), shapeDigits(packed)).length === 0) continue;
    let remembered = -1;
    if (memo !== null) {
      remembered = memo.find(raw);
      if (remembered >= 0) repeats++;
      // Dropped as soon as the window cannot reach MEMO_MIN_HITS repeats any more.
      if (repeats + (MEMO_PROBE - ++lookups) < MEMO_MIN_HITS) memo = null;
      else if (lookups === MEMO_PROBE) lookups = repeats = 0;
    }
    let v: string;
    // The value's pairs: found[from, from + nHits).
    let found: Float64Array;
    let from = 0;
    if (remembered >= 0) {
      v = valueMemo.texts[remembered]!;
      found = valueMemo.pool;
      from = valueMemo.starts[remembered]!;
      nHits = valueMemo.counts[remembered]!;
    } else {
      let bits: number;
      let length: number;
      let digits: number;
      let at: boolean;
      let run: number;
      if (packed >= 0) {
        v = raw;
        bits = shapeBitsOf(packed);
        run = shapeRun(packed);
        length = shapeLength(packed);
        digits = shapeDigits(packed);
        at = (bits & SHAPE_AT) !== 0;
      } else {
        // Most values have nothing to trim: a printable ASCII character at both ends.
        v = untrimmed(raw) ? raw : raw.trim();
        if (v.length === 0) {
          if (memo !== null) memo.put(raw, '', hits, 0);
          continue;
        }
        shapeOf(v, shape);
        bits = shape.bits;
        run = shape.run;
        length = shape.length;
        digits = shape.digits;
        at = shape.at;
      }
      nHits = 0;
      const first = v.charCodeAt(0);
      const last = v.charCodeAt(length - 1);
      const allDigits = digits === length;
      // Already narrowed by the shape bits and by digitsOnly (candidatesWithBits).
      const candidates = candidatesWithBits(lists, byBits, ruleFilters, length, digits, bits);
      for (let j = 0; j < candidates.length; j++) {
        const i = candidates[j]!;
        const f = ruleFilters[i]!;
        // What the regex's source rules out (regex-prefilter.ts): no need to run it.
        if (f.minRun > run) continue;
        if (f.first !== null && (first >= 128 || f.first[first] === 0)) continue;
        if (f.last !== null && (last >= 128 || f.last[last] === 0)) continue;
        if (f.gates !== null && !passesGates(f.gates, first, length, allDigits)) continue;
        let ok: boolean;
        if (allDigits && f.digitLengths !== null) {
          // On digits alone the regex matches by length (regex-prefilter.ts).
          ok = false;
          const d = f.digitLengths;
          for (let r = 0; r < d.length; r += 2) if (length >= d[r]! && length <= d[r + 1]!) ok = true;
        } else if (f.templates !== null) {
          // Digits around fixed separators: decided from the digit count and the separators' places.
          ok = matchesTemplates(f.templates, v, length, digits);
        } else if (f.regex) {
          ok = f.regex.test(v);
          if (verdicts !== null && f.terms !== null) {
            let verdict = verdictOf[i];
            if (verdict === undefined) {
              verdict = verdicts.get(f.terms);
              if (verdict === undefined) verdicts.set(f.terms, (verdict = zeroedBytes(values.length)));
              verdictOf[i] = verdict;
            }
            verdict[k] = ok ? 1 : 2;
          }
        }
        // Without a regex the rule is the person-name lists: term dictionaries are compiled to a regex (rules/load.ts).
        else ok = digits <= 3 && !at && looksLikePersonName(v, dict);
        if (!ok) continue;
        const validator = ruleList[i]!.validator;
        hits[nHits++] = i;
        hits[nHits++] = validator ? validator(v) : 1;
      }
      found = hits;
      if (memo !== null) memo.put(raw, v, hits, nHits);
    }
    for (let h = from; h < from + nHits; h += 2) {
      const i = found[h]!;
      const score = found[h + 1]!;
      let t = byRule[i];
      if (!t) {
        const rule = ruleList[i]!;
        t = { rule, examined: 0, matched: 0, validated: 0, validCount: 0, rawExamples: [], prefixes: rule.def.chance >= 0.5 ? new Set() : null };
        byRule[i] = t;
        out.push(t);
        ruleOf.push(i);
        firstAt[i] = k;
        examplePos[i] = [];
        exampleBefore[i] = NO_POSITION;
        grewAt[i] = 0;
        lastPrefix[i] = -1;
      } else if (k < firstAt[i]!) firstAt[i] = k;
      t.matched++;
      if (t.matched > bestMatched) bestMatched = t.matched;
      t.validated += score;
      if (score >= 0.5) {
        t.validCount++;
        if (k < exampleBefore[i]!) exampleBefore[i] = keepExample(t.rawExamples, examplePos[i]!, v, k);
        if (t.prefixes && t.prefixes.size < 64) {
          // Exact in a double: three 16-bit code units take 48 bits.
          const key = v.length >= 3 ? (v.charCodeAt(0) * 65536 + v.charCodeAt(1)) * 65536 + v.charCodeAt(2) : -1;
          if (key === -1 || key !== lastPrefix[i]) {
            const size = t.prefixes.size;
            if (t.prefixes.add(v.slice(0, 3)).size > size) grewAt[i] = t.validCount;
            lastPrefix[i] = key;
          }
        }
      }
    }
  }
  return out.length === 0 ? out : inSampleOrder(out, ruleOf, firstAt, examplePos, examined);
}

/**
 * tallyValues' per-rule state, for up to `size` rules: the first position a rule matched at, the
 * positions of its examples, the position a new example must come before, and its validCount when
 * its prefix set last grew (`settled`). NOTE: typed arrays: a plain array's elements kind (small
 * integers, doubles, holes) changed from one column to the next and threw the loop's optimized
 * code away again and again.
 */
interface Scratch {
  readonly size: number;
  /** A rule's tally once it matched in this call (cleared at the start of each). */
  readonly byRule: (ValueTally | undefined)[];
  /** The last prefix added per rule, as its three UTF-16 code units in one number (-1: none). */
  readonly lastPrefix: Float64Array;
  readonly firstAt: Int32Array;
  readonly exampleBefore: Int32Array;
  readonly grewAt: Int32Array;
  readonly examplePos: number[][];
  /** Per rule, its term dictionary's verdicts (TermVerdicts) once it ran in this call (cleared at the start of each). */
  readonly verdictOf: (Uint8Array | undefined)[];
  /** One value's matches as [rule index, score] pairs: at most one pair per rule. */
  readonly pairs: Float64Array;
}

function newScratch(size: number): Scratch {
  return {
    size,
    byRule: new Array<ValueTally | undefined>(size).fill(undefined),
    lastPrefix: new Float64Array(size).fill(-1),
    firstAt: new Int32Array(size),
    exampleBefore: new Int32Array(size),
    grewAt: new Int32Array(size),
    examplePos: Array.from({ length: size }, () => NO_EXAMPLES),
    verdictOf: new Array<Uint8Array | undefined>(size).fill(undefined),
    pairs: new Float64Array(2 * size),
  };
}

let scratch: Scratch = newScratch(0);

/**
 * The tallies (`out`, of the rules `ruleOf`) as if the values had been read in order: the rules as
 * they first matched (`firstAt`), each rule's examples as they came (`examplePos`).
 */
function inSampleOrder(out: ValueTally[], ruleOf: readonly number[], firstAt: Int32Array, examplePos: readonly number[][], examined: number): ValueTally[] {
  const order = ruleOf.map((_, r) => r).sort((a, b) => firstAt[ruleOf[a]!]! - firstAt[ruleOf[b]!]!);
  const sorted = order.map((r) => out[r]!);
  for (let r = 0; r < sorted.length; r++) {
    const t = sorted[r]!;
    t.examined = examined;
    const pos = examplePos[ruleOf[order[r]!]!]!;
    if (pos.length > 1) {
      const ex = t.rawExamples.map((v, j) => [pos[j]!, v] as const).sort((a, b) => a[0] - b[0]);
      for (let j = 0; j < ex.length; j++) t.rawExamples[j] = ex[j]![1];
    }
  }
  return sorted;
}
