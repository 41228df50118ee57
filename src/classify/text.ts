/** Free-text evidence: personal data embedded in notes, comments and descriptions (the Denver 311 case). */
import type { CompiledTextRule, Rules } from '../rules/types.js';
import { SHAPE_AT, SHAPE_COLON, SHAPE_DOT, shapeBitsOf, shapeDigits } from './shape.js';

export interface TextTally {
  readonly rule: CompiledTextRule;
  /** Sampled rows holding at least one validated match. */
  rows: number;
  /** Of those, rows where a context word stood near a match. */
  withContext: number;
  /** Validated matches in all. */
  matches: number;
  /** Matches of the rule's shape, validated or not. */
  shapeMatches: number;
  readonly rawExamples: string[];
  /** Distinct validated matches (lower-cased, up to 4): one address in every row is a template's. */
  readonly distinct: Set<string>;
}

/** Each text value is scanned up to this many characters: the cost per value is bounded. */
export const MAX_TEXT_SCAN = 4096;
const MAX_EXAMPLES = 3;

function hasContext(text: string, start: number, end: number, rule: CompiledTextRule): boolean {
  if (rule.context.length === 0) return false;
  const w = rule.def.window;
  const around = text.slice(Math.max(0, start - w), Math.min(text.length, end + w)).toLowerCase();
  for (const c of rule.context) if (around.includes(c)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Anchors. A text is read once (digit runs, '@' signs); each built-in rule then runs its regex
// only at the positions where one of its matches can start, found from those anchors. Every
// finder returns a superset of the positions where the rule's regex can match, in increasing
// order, and the regex itself (sticky, at each such position) still decides: the matches are
// exactly those a global scan of the whole text finds, in the same order, at a cost that follows
// the anchors instead of the text's length times the rule count.
// ---------------------------------------------------------------------------------------------

/**
 * What is known of one text, computed as rules ask for it: its code units (copied once into a
 * typed array, which reads faster than `charCodeAt` on sliced or concatenated strings) and its
 * digit runs. Buffers are reused across values (tallying is synchronous).
 */
export interface TextScan {
  text: string;
  readonly buf: Buffer;
  /** The text's UTF-16 code units, valid once `filled`. */
  readonly codes: Uint16Array;
  filled: boolean;
  /** Digits found so far (-1: none looked for); the count is exact once `digitsExact`. */
  digits: number;
  digitsExact: boolean;
  /** Where the search for more digits goes on. */
  nextDigitFrom: number;
  /** Maximal runs of ASCII digits: [runStart[i], runEnd[i]); `runs` is -1 until listed. */
  readonly runStart: Int32Array;
  readonly runEnd: Int32Array;
  runs: number;
  /** Bit `min(31, length)` set for every digit run's length, once the runs are listed. */
  runLengths: number;
  /** The most digits in one chain of runs joined by a single space or dash, once the runs are listed. */
  longestChain: number;
  /** Whether the text holds three ASCII letters in a row (-1: not looked for). */
  letters3: number;
  /** Whether the text holds a run of three digits or more or a chain of seven short runs (-1: not looked for). */
  groups: number;
}

/** Whether this machine stores a Uint16Array little-endian (then `utf16le` bytes are its code units). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function newTextScan(): TextScan {
  const buf = Buffer.alloc(MAX_TEXT_SCAN * 2);
  return {
    text: '',
    buf,
    codes: new Uint16Array(buf.buffer, buf.byteOffset, MAX_TEXT_SCAN),
    filled: false,
    digits: -1,
    digitsExact: false,
    nextDigitFrom: 0,
    runStart: new Int32Array(MAX_TEXT_SCAN),
    runEnd: new Int32Array(MAX_TEXT_SCAN),
    runs: 0,
    runLengths: 0,
    longestChain: 0,
    letters3: -1,
    groups: -1,
  };
}

/** Starts reading `text` (at most MAX_TEXT_SCAN characters) into `s`; nothing is read yet. */
export function scanText(text: string, s: TextScan): TextScan {
  if (text.length > MAX_TEXT_SCAN) throw new RangeError('scanText: text longer than MAX_TEXT_SCAN');
  s.text = text;
  s.filled = false;
  s.digits = -1;
  s.digitsExact = false;
  s.nextDigitFrom = 0;
  s.runs = -1;
  s.runLengths = 0;
  s.longestChain = 0;
  s.letters3 = -1;
  s.groups = -1;
  return s;
}

function codesOf(s: TextScan): Uint16Array {
  if (!s.filled) {
    const text = s.text;
    if (LITTLE_ENDIAN) s.buf.write(text, 0, 'utf16le');
    else for (let i = 0; i < text.length; i++) s.codes[i] = text.charCodeAt(i);
    s.filled = true;
  }
  return s.codes;
}

const DIGIT = /\d/g;

/**
 * Whether the text holds at least `min` digits: native searches for the first `min` digits only
 * (a note without digits costs one search, a text of digits `min` short ones), never a full count.
 */
function hasDigits(s: TextScan, min: number): boolean {
  if (s.digits >= min) return true;
  if (s.digitsExact) return false;
  if (s.digits < 0) s.digits = 0;
  DIGIT.lastIndex = s.nextDigitFrom;
  while (s.digits < min) {
    if (!DIGIT.test(s.text)) {
      s.digitsExact = true;
      return false;
    }
    s.digits++;
  }
  s.nextDigitFrom = DIGIT.lastIndex;
  return true;
}

/** Lists the text's digit runs (one pass from its first digit). */
function runsOf(s: TextScan): number {
  if (s.runs >= 0) return s.runs;
  DIGIT.lastIndex = 0;
  if (!DIGIT.test(s.text)) return (s.runs = 0);
  const codes = codesOf(s);
  const { runStart, runEnd } = s;
  const n = s.text.length;
  let runs = 0;
  let inRun = false;
  let lengths = 0;
  // Chains of runs joined by one space or dash (what a card number is made of), summed as they go.
  let chain = 0;
  let longest = 0;
  let prevEnd = -2;
  for (let i = DIGIT.lastIndex - 1; i < n; i++) {
    const c = codes[i]!;
    if (c >= 48 && c <= 57) {
      if (!inRun) {
        runStart[runs] = i;
        inRun = true;
      }
    } else if (inRun) {
      const start = runStart[runs]!;
      const length = i - start;
      lengths |= 1 << Math.min(31, length);
      chain = start === prevEnd + 1 && (codes[prevEnd] === 32 || codes[prevEnd] === 45) ? chain + length : length;
      if (chain > longest) longest = chain;
      prevEnd = i;
      runEnd[runs++] = i;
      inRun = false;
    }
  }
  if (inRun) {
    const start = runStart[runs]!;
    const length = n - start;
    lengths |= 1 << Math.min(31, length);
    chain = start === prevEnd + 1 && (codes[prevEnd] === 32 || codes[prevEnd] === 45) ? chain + length : length;
    if (chain > longest) longest = chain;
    runEnd[runs++] = n;
  }
  s.runLengths = lengths;
  s.longestChain = longest;
  return (s.runs = runs);
}

/**
 * What every digit-based finder needs, found by one native search: a run of three digits or more
 * (an SSN, a nine-digit number, a phone number, a 4-digit year) or, without one, the chain of
 * short runs a card number of 13 digits would then be: at least seven runs of one or two digits,
 * six of them each followed by a space or dash, then a digit. The chain is written out as
 * `\d(?:\d[ -]|[ -])` six times: irregexp backtracks `(?:\d\d?[ -]){6}` at every digit (about
 * 50 µs on a 4 KiB note of short digit groups), the unrolled form does not.
 */
const DIGIT_GROUPS = new RegExp(`\\d{3}|${'\\d(?:\\d[ -]|[ -])'.repeat(6)}\\d`);

/**
 * Whether the text may hold what a digit-based finder looks for (see DIGIT_GROUPS): from the
 * listed runs if they are, else by one native search. A note whose digits are all short groups
 * (`12-34 5.6`, `ab1.`) then never has its runs listed (a JS pass over every code unit).
 */
function hasDigitGroups(s: TextScan): boolean {
  if (s.groups < 0) s.groups = (s.runs >= 0 ? (s.runLengths & ~7) !== 0 || s.longestChain >= 13 : DIGIT_GROUPS.test(s.text)) ? 1 : 0;
  return s.groups === 1;
}

/** Without DIGIT_GROUPS, a date's year can only be two digits right after a '/'. */
const SLASH_YEAR = /\/\d\d/;

/** Whether the text holds a digit run of exactly `length` (under 31) digits. */
const hasRunOf = (s: TextScan, length: number) => (s.runLengths & (1 << length)) !== 0;

/** Writes candidate start positions into `out` (strictly increasing); returns how many. */
type Finder = (s: TextScan, out: Int32Array) => number;

/** Social Security numbers with separators: digit runs of exactly 3, 2 and 4, one character apart. */
const ssnGroups: Finder = (s, out) => {
  if (!hasDigitGroups(s)) return 0;
  const runs = runsOf(s);
  // Runs of 3, 2 and 4 digits must all be there (a text of 1- and 2-digit runs is not read again).
  if (!hasRunOf(s, 3) || !hasRunOf(s, 2) || !hasRunOf(s, 4)) return 0;
  let k = 0;
  const { runStart, runEnd } = s;
  for (let i = 0; i + 2 < runs; i++) {
    if (runEnd[i]! - runStart[i]! !== 3) continue;
    if (runStart[i + 1] !== runEnd[i]! + 1 || runEnd[i + 1]! - runStart[i + 1]! !== 2) continue;
    if (runStart[i + 2] !== runEnd[i + 1]! + 1 || runEnd[i + 2]! - runStart[i + 2]! !== 4) continue;
    out[k++] = runStart[i]!;
  }
  return k;
};

/** A bare nine-digit number: a digit run of exactly 9. */
const nineDigits: Finder = (s, out) => {
  if (!hasDigitGroups(s)) return 0;
  const runs = runsOf(s);
  if (!hasRunOf(s, 9)) return 0;
  let k = 0;
  for (let i = 0; i < runs; i++) if (s.runEnd[i]! - s.runStart[i]! === 9) out[k++] = s.runStart[i]!;
  return k;
};

/**
 * Card numbers: a match starts at a digit run and covers runs joined by one space or dash, 13 to
 * 19 digits; a run whose chain (from it onwards) holds fewer than 13 digits cannot start one.
 */
const cardChains: Finder = (s, out) => {
  if (!hasDigitGroups(s)) return 0;
  const runs = runsOf(s);
  // No chain holds the 13 digits a card number has: nothing to walk.
  if (s.longestChain < 13) return 0;
  const { runStart, runEnd } = s;
  const codes = s.codes;
  let k = 0;
  // One pass: a chain's digits are summed as it is walked; only a chain of 13 digits or more is
  // walked again for its starts (its runs whose suffix still holds 13 digits).
  let from = 0;
  let total = runs > 0 ? runEnd[0]! - runStart[0]! : 0;
  for (let to = 0; to < runs; to++) {
    const joined = to + 1 < runs && runStart[to + 1] === runEnd[to]! + 1 && (codes[runEnd[to]!] === 32 || codes[runEnd[to]!] === 45);
    if (joined) {
      total += runEnd[to + 1]! - runStart[to + 1]!;
      continue;
    }
    // Runs from..to form one chain; the suffix sums decide which runs may start a match.
    if (total >= 13) {
      for (let i = from; i <= to; i++) {
        if (total >= 13) out[k++] = runStart[i]!;
        total -= runEnd[i]! - runStart[i]!;
      }
    }
    from = to + 1;
    total = from < runs ? runEnd[from]! - runStart[from]! : 0;
  }
  return k;
};

/**
 * Phone numbers: the exchange and line are digit runs of exactly 3 and 4 one character apart; the
 * match starts 4 to 9 characters before the exchange (area code in parentheses or not, an
 * optional `+1` before it).
 */
const phoneGroups: Finder = (s, out) => {
  if (!hasDigitGroups(s)) return 0;
  const runs = runsOf(s);
  if (!hasRunOf(s, 3) || !hasRunOf(s, 4)) return 0;
  const { runStart, runEnd } = s;
  let k = 0;
  let next = 0;
  for (let i = 1; i < runs; i++) {
    if (runEnd[i]! - runStart[i]! !== 4 || runStart[i] !== runEnd[i - 1]! + 1 || runEnd[i - 1]! - runStart[i - 1]! !== 3) continue;
    const x = runStart[i - 1]!;
    for (let p = Math.max(next, x - 9, 0); p <= x - 4; p++) out[k++] = p;
    next = Math.max(next, x - 3);
  }
  return k;
};

const isLocalCode = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
const isDomainCode = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46;
const isLetterCode = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
/** An '@', a domain-label character, then a dot and two letters before the domain's characters end. */
const EMAIL_DOMAIN = /@[A-Za-z0-9-][A-Za-z0-9.-]*?\.[A-Za-z]{2}/g;
/** A dot and two letters: what every domain holds (a pre-filter for EMAIL_DOMAIN). */
const DOT_TWO_LETTERS = /\.[A-Za-z]{2}/g;

/**
 * Email addresses: a match's local part is the whole run of local-part characters before an '@'
 * (nothing of that kind may precede it), and its domain, the run of domain characters after the
 * '@', starts with a label character and holds a dot followed by two letters.
 */
const emailAts: Finder = (s, out) => {
  const text = s.text;
  // A domain ends in a dot and two letters somewhere after the first '@': without one (`a@b.c`
  // again and again) no '@' is tried at all.
  const firstAt = text.indexOf('@');
  if (firstAt < 0) return 0;
  DOT_TWO_LETTERS.lastIndex = firstAt;
  if (!DOT_TWO_LETTERS.test(text)) return 0;
  // Most texts with an '@' hold no domain at all after it (a handle, a price): one native search.
  EMAIL_DOMAIN.lastIndex = firstAt;
  if (!EMAIL_DOMAIN.test(text)) return 0;
  const codes = codesOf(s);
  const n = text.length;
  let k = 0;
  let floor = 0;
  for (let a = text.indexOf('@'); a >= 0; a = text.indexOf('@', a + 1)) {
    let start = a;
    while (start > floor && isLocalCode(codes[start - 1]!)) start--;
    floor = a + 1;
    if (start === a || a + 1 >= n) continue;
    const first = codes[a + 1]!;
    if (!isDomainCode(first) || first === 46) continue;
    let ok = false;
    for (let i = a + 1; i < n; i++) {
      const c = codes[i]!;
      if (!isDomainCode(c)) break;
      if (c === 46 && i + 2 < n && isLetterCode(codes[i + 1]!) && isLetterCode(codes[i + 2]!)) {
        ok = true;
        break;
      }
    }
    if (ok) out[k++] = start;
  }
  return k;
};

/**
 * Keyword starts of dob-in-text (DOB, D.O.B, born, birth date, birthday, date of birth): their
 * first three characters at a word start, found natively.
 */
const DOB_KEY = /\b(?:dob|d\.o|bor|bir|dat)/gi;
/** A date's first digit stands at most this far after the keyword's start (13 + 4 + 11 characters). */
const DOB_REACH = 28;

/** Dates of birth: a keyword at a word start, with a digit close enough after it. */
const dobKeywords: Finder = (s, out) => {
  // Without digit groups the year can only be two digits after a '/' (natively found).
  if (!hasDigitGroups(s) && (s.text.indexOf('/') < 0 || !SLASH_YEAR.test(s.text))) return 0;
  const runs = runsOf(s);
  // A year is a run of at least two digits.
  if (runs === 0 || (s.runLengths & ~3) === 0) return 0;
  // Every date form ends in a year: a digit run of 2 to 4 right after a '/' (12/3/61) or of 4
  // (1961-04-12, April 12, 1961); a run may go on past the match, so its length is at least
  // that. A text with no such run holds no match, however many keywords it has (`born on 12/3`).
  const { runStart, runEnd, codes } = s;
  // A run of four digits is a year; a shorter one is only after a '/', which most texts lack.
  let year = (s.runLengths & ~15) !== 0;
  if (!year && s.text.indexOf('/') < 0) return 0;
  for (let i = 0; i < runs && !year; i++) {
    const len = runEnd[i]! - runStart[i]!;
    year = len >= 4 || (len >= 2 && runStart[i]! > 0 && codes[runStart[i]! - 1] === 47);
  }
  if (!year) return 0;
  const text = s.text;
  let k = 0;
  let r = 0;
  DOB_KEY.lastIndex = 0;
  while (DOB_KEY.test(text)) {
    const p = DOB_KEY.lastIndex - 3;
    while (r < runs && s.runStart[r]! < p) r++;
    if (r === runs) break;
    if (s.runStart[r]! - p <= DOB_REACH) out[k++] = p;
  }
  return k;
};

/** The built-in rules a finder serves, by id and exact regex (an edited or replaced rule is scanned whole). */
const FINDERS: ReadonlyMap<string, { regex: string; flags: string; find: Finder }> = new Map([
  ['ssn-in-text', { regex: '(?<![\\d-])\\d{3}[- ]\\d{2}[- ]\\d{4}(?![\\d-])', flags: '', find: ssnGroups }],
  ['ssn-unformatted-in-text', { regex: '(?<![\\d-])\\d{9}(?![\\d-])', flags: '', find: nineDigits }],
  ['card-in-text', { regex: '(?<!\\d)(?:\\d[ -]?){12,18}\\d(?!\\d)', flags: '', find: cardChains }],
  [
    'phone-in-text',
    { regex: '(?<![\\d-])(?:\\+?1[ .-]?)?(?:\\(\\d{3}\\)\\s?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}(?![\\d-])', flags: '', find: phoneGroups },
  ],
  [
    'email-in-text',
    { regex: '(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}', flags: '', find: emailAts },
  ],
  [
    'dob-in-text',
    {
      regex:
        '(?:\\bDOB\\b|\\bD\\.O\\.B\\.?|\\bborn(?: on)?\\b|\\bbirth ?date\\b|\\bdate of birth\\b|\\bbirthday\\b)[:\\s-]{0,4}(\\d{1,2}/\\d{1,2}/\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|[A-Z][a-z]{2,8}\\.? \\d{1,2},? \\d{4})',
      flags: 'i',
      find: dobKeywords,
    },
  ],
]);

const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A dictionary rule's terms as a trie-shaped regex: `\b(?:terms)\b` with the terms' common
 * prefixes shared, so each position tries the letters that can follow instead of every term in
 * turn. Longer continuations come first, so at each position it finds the longest term followed
 * by a word boundary, which is what the list of terms sorted longest first finds. Null when a term
 * holds a character outside ASCII (case folding could then let two branches match one text).
 */
export function dictionaryTrie(terms: ReadonlySet<string>, flags = 'gi'): RegExp | null {
  interface Node {
    end: boolean;
    readonly next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const t of terms) {
    if (/[^\x00-\x7f]/.test(t) || t.length === 0) return null;
    let n = root;
    for (const ch of t) {
      let c = n.next.get(ch);
      if (!c) n.next.set(ch, (c = { end: false, next: new Map() }));
      n = c;
    }
    n.end = true;
  }
  const emit = (n: Node): string => {
    if (n.next.size === 0) return '';
    const alts = [...n.next].map(([ch, c]) => escapeRe(ch) + emit(c));
    const body = alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
    return n.end ? `(?:${body})?` : body;
  };
  if (root.end) return null;
  return new RegExp(`\\b(?:${emit(root)})\\b`, flags);
}

/** Three ASCII letters at a term's start. */
const THREE_LETTERS = /^[A-Za-z]{3}/;
/** Three ASCII letters anywhere: what a text needs for any dictionary term to start in it. */
const LETTERS3 = /[A-Za-z]{3}/;

/** Whether the text holds three ASCII letters in a row (one native search, kept for the text). */
function hasLetters3(s: TextScan): boolean {
  if (s.letters3 < 0) s.letters3 = LETTERS3.test(s.text) ? 1 : 0;
  return s.letters3 === 1;
}

/** How one rule is run: its sticky twin, its finder (null: a global scan), its pre-filter. */
interface Plan {
  readonly sticky: RegExp;
  readonly find: Finder | null;
  /** Without a finder: a faster regex with the same matches, for the global scan (null: the rule's own). */
  readonly scan: RegExp | null;
  readonly minDigits: number;
  readonly requires: readonly string[];
  /** The shape bits (shape.ts) of the required characters a shape records (`@`, `.`, `:`). */
  readonly requiresBits: number;
  /** The required characters a shape does not record: searched for in every value. */
  readonly requiresOther: readonly string[];
  /** Every match starts with three ASCII letters (a dictionary's terms all do): a text without them is skipped. */
  readonly letters3: boolean;
}

const plans = new WeakMap<CompiledTextRule, Plan>();

/** The characters a packed shape records (shape.ts), by their bit. */
const SHAPE_BIT: Readonly<Record<string, number>> = { '@': SHAPE_AT, '.': SHAPE_DOT, ':': SHAPE_COLON };

function planOf(rule: CompiledTextRule, rules: Pick<Rules, 'categories' | 'dictionaries'>): Plan {
  let plan = plans.get(rule);
  if (plan) return plan;
  let find: Finder | null = null;
  let scan: RegExp | null = null;
  let letters3 = false;
  if (rule.def.dictionary !== undefined) {
    // The compiled regex is `\b(?:terms)\b` over the dictionary as loaded (case-insensitive, global).
    const terms = rules.dictionaries.get(rule.def.dictionary) ?? new Set<string>();
    scan = dictionaryTrie(terms);
    // Case-insensitive matching without the `u` flag matches an ASCII letter only with an ASCII letter.
    letters3 = scan !== null && terms.size > 0 && [...terms].every((t) => THREE_LETTERS.test(t));
  } else {
    const f = FINDERS.get(rule.def.id);
    if (f && f.regex === rule.def.regex && f.flags === (rule.def.flags ?? '')) find = f.find;
  }
  const inText = rules.categories.get(rule.def.category)?.inText;
  const requires = inText?.requires ?? [];
  plan = {
    sticky: new RegExp(rule.regex.source, rule.regex.flags.replace('y', '') + 'y'),
    find,
    scan,
    minDigits: inText?.minDigits ?? 0,
    requires,
    requiresBits: requires.reduce((bits, c) => bits | (SHAPE_BIT[c] ?? 0), 0),
    requiresOther: requires.filter((c) => SHAPE_BIT[c] === undefined),
    letters3,
  };
  plans.set(rule, plan);
  return plan;
}

/** Iterates a rule's matches in a scanned text, as `regex.exec` in a loop over the whole text would. */
class Matches {
  private re: RegExp = /$^/g;
  private text = '';
  private anchored = false;
  private readonly cand = new Int32Array(MAX_TEXT_SCAN);
  private count = 0;
  private ci = 0;
  private pos = 0;

  reset(s: TextScan, rule: CompiledTextRule, plan: Plan, anchored: boolean): void {
    this.text = s.text;
    this.anchored = anchored && plan.find !== null;
    this.ci = 0;
    this.pos = 0;
    if (anchored && plan.letters3 && !hasLetters3(s)) {
      // No term can start in a text without three letters in a row: no candidate at all.
      this.anchored = true;
      this.re = plan.sticky;
      this.count = 0;
    } else if (this.anchored) {
      this.re = plan.sticky;
      this.count = plan.find!(s, this.cand);
    } else {
      this.re = (anchored && plan.scan) || rule.regex;
      this.re.lastIndex = 0;
    }
  }

  /** The next match (a zero-length one too: the caller skips it), or null. */
  next(): RegExpExecArray | null {
    const re = this.re;
    if (!this.anchored) {
      const m = re.exec(this.text);
      if (m !== null && m[0].length === 0) re.lastIndex++;
      return m;
    }
    const cand = this.cand;
    while (this.ci < this.count) {
      const p = cand[this.ci++]!;
      if (p < this.pos) continue;
      re.lastIndex = p;
      const m = re.exec(this.text);
      if (m === null) continue;
      this.pos = m.index + Math.max(1, m[0].length);
      return m;
    }
    return null;
  }
}

const scratch = newTextScan();
const cursor = new Matches();

/**
 * Every match of `rule` in `text` (capped at MAX_TEXT_SCAN like `tallyText`), by anchors or, with
 * `anchored: false`, by a global scan of the whole text: both give the same list.
 */
export function textMatches(text: string, rule: CompiledTextRule, rules: Pick<Rules, 'categories' | 'dictionaries'>, anchored = true): { index: number; match: string; target: string }[] {
  const capped = text.length > MAX_TEXT_SCAN ? text.slice(0, MAX_TEXT_SCAN) : text;
  const s = scanText(capped, newTextScan());
  const it = new Matches();
  it.reset(s, rule, planOf(rule, rules), anchored);
  const out: { index: number; match: string; target: string }[] = [];
  let m: RegExpExecArray | null;
  while ((m = it.next()) !== null) if (m[0].length > 0) out.push({ index: m.index, match: m[0], target: m[1] ?? m[0] });
  return out;
}

/** Whether the rule has a finder or a faster regex (built-in rules all have one; a test holds them to it). */
export function isAnchored(rule: CompiledTextRule, rules: Pick<Rules, 'categories' | 'dictionaries'>): boolean {
  const plan = planOf(rule, rules);
  return plan.find !== null || plan.scan !== null;
}


/**
 * `vocabulary: false` (short texts, not prose) leaves out dictionary (term) rules and values
 * without a space: a single token is a structured value, which the value rules already judged.
 * `shapes`: each value's packed shape as the column profile measured it (shape.ts; -1 where it did
 * not), index for index with `values`: a shaped value's digits are counted already. `verdicts`:
 * the value rules' term-dictionary verdicts, index for index (values.ts TermVerdicts): a value in
 * which the dictionary found no term holds none to find here.
 */
export function tallyText(
  values: readonly (string | null)[],
  rules: Rules,
  options: { vocabulary?: boolean; shapes?: Int32Array | null; verdicts?: ReadonlyMap<string, Uint8Array> } = {},
): TextTally[] {
  const vocabulary = options.vocabulary ?? true;
  const shapes = options.shapes ?? null;
  const tallies = rules.text.map((rule) => ({ rule, rows: 0, withContext: 0, matches: 0, shapeMatches: 0, rawExamples: [] as string[], distinct: new Set<string>() }));
  const rulePlans = rules.text.map((r) => planOf(r, rules));
  // NOTE: a value rule tests the trimmed value with the same terms (`\b(?:terms)\b`, any case) as
  // a dictionary text rule searches the text: trimming takes only white space, which is no word
  // character, so neither finds a term where the other does not (the value rules see values of
  // up to 256 characters, never capped here).
  const verdictsByRule = rules.text.map((r) => (r.def.dictionary !== undefined ? options.verdicts?.get(r.def.dictionary) : undefined));
  for (let k = 0; k < values.length; k++) {
    const raw = values[k];
    if (raw === null || raw === undefined || raw.length < 6) continue;
    if (!vocabulary && raw.indexOf(' ') < 0) continue;
    const text = raw.length > MAX_TEXT_SCAN ? raw.slice(0, MAX_TEXT_SCAN) : raw;
    const s = scanText(text, scratch);
    // A shaped value is the whole text (at most 256 characters, nothing to trim): its digit count
    // is exact, and the rules' minimum digits need no search (one native search per digit, the
    // largest cost of a short note after its dictionary terms).
    const packed = shapes !== null ? shapes[k]! : -1;
    if (packed >= 0) {
      s.digits = shapeDigits(packed);
      s.digitsExact = true;
    }
    for (let i = 0; i < tallies.length; i++) {
      if (!vocabulary && tallies[i]!.rule.def.dictionary !== undefined) continue;
      const verdict = verdictsByRule[i];
      if (verdict !== undefined && verdict[k] === 2) continue;
      const plan = rulePlans[i]!;
      if (plan.minDigits > 0 && !hasDigits(s, plan.minDigits)) continue;
      // A shaped value's `@`, `.` and `:` are known; other required characters are searched for.
      // (Indexed loops: an iterator per rule and value showed in profiles of prose columns.)
      let missing = false;
      if (packed >= 0) {
        if ((shapeBitsOf(packed) & plan.requiresBits) !== plan.requiresBits) continue;
        for (let r = 0; r < plan.requiresOther.length; r++) if (text.indexOf(plan.requiresOther[r]!) < 0) missing = true;
      } else for (let r = 0; r < plan.requires.length; r++) if (text.indexOf(plan.requires[r]!) < 0) missing = true;
      if (missing) continue;
      const t = tallies[i]!;
      const rule = t.rule;
      cursor.reset(s, rule, plan, true);
      let found = false;
      let ctx = false;
      let m: RegExpExecArray | null;
      while ((m = cursor.next()) !== null) {
        if (m[0].length === 0) continue;
        const target = m[1] ?? m[0];
        t.shapeMatches++;
        if (rule.validator && rule.validator(target) < 0.5) continue;
        const c = hasContext(text, m.index, m.index + m[0].length, rule);
        if (rule.def.contextRequired && !c) continue;
        found = true;
        t.matches++;
        if (t.distinct.size < 4) t.distinct.add(target.toLowerCase());
        if (c) ctx = true;
        if (t.rawExamples.length < MAX_EXAMPLES) t.rawExamples.push(target);
        if (ctx && t.matches > 8) break;
      }
      if (found) {
        t.rows++;
        if (ctx) t.withContext++;
      }
    }
  }
  return tallies.filter((t) => t.rows > 0);
}

/**
 * Whether a text tally is strong enough to report: rows with context words, or enough rows whose
 * matches mostly validate (random digit runs pass a checksum one time in ten; real numbers always);
 * never one repeated match (a template).
 */
export function textQualifies(t: TextTally): boolean {
  // The same address or number in every row is a message template's (a help-desk address, a
  // placeholder), not personal data of the people the rows are about.
  // (Vocabulary rules are exempt: many notes naming one condition are still medical.)
  if (t.rule.def.dictionary === undefined && t.rows >= 3 && t.distinct.size === 1) return false;
  if (t.withContext >= t.rule.def.minRowsWithContext) return true;
  return !t.rule.def.contextRequired && t.rows >= t.rule.def.minRows && t.matches >= 0.5 * t.shapeMatches;
}
