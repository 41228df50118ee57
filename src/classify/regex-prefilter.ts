/**
 * Exact pre-filters read off a value rule's regex, so most values that cannot match are skipped
 * without running it: the characters a match can start with (an anchored `^\d…` never matches
 * `(452) 201-7032`), and whether a match is digits only (`^\d{6,17}$` never matches `2021-09-19`).
 *
 * The reading is conservative: it understands anchored branches (`^…$|^…`) of plain atoms — `\d`,
 * escaped punctuation, literal characters, simple character classes — with their quantifiers, and
 * gives up (no pre-filter, the regex decides) on anything else: groups, other escapes, negated
 * classes, multiline, global, sticky or Unicode-sets flags, case-insensitive Unicode.
 */

/** What a regex's source says about its matches; null fields say nothing. */
export interface RegexPrefilter {
  /** ASCII characters a match can start with (1 = can); a value starting with another character never matches. */
  readonly first: Uint8Array | null;
  /** Every match is made of ASCII digits only. */
  readonly digitsOnly: boolean;
  /** ASCII characters a match can end with (1 = can); a value ending with another character never matches. */
  readonly last: Uint8Array | null;
  /**
   * For a value made of ASCII digits only, the regex matches exactly when the value's length lies
   * in one of these ranges (flat [min, max, min, max, …]; empty: it never matches such a value).
   */
  readonly digitLengths: readonly number[] | null;
  /**
   * One gate per top-level branch (`^…$|^…`), when every branch is anchored at its start: a value
   * passing none of them never matches. Null otherwise.
   */
  readonly gates: readonly BranchGate[] | null;
  /**
   * When every branch is a digit template (fixed-count `\d` and single non-digit characters,
   * `^\d{3}-\d{2}-\d{4}$`), the templates: they decide the regex without running it (matchesTemplates).
   */
  readonly templates: readonly DigitTemplate[] | null;
  /**
   * The ASCII characters a match can be made of, when every branch is anchored at both ends
   * (`^…$`) and made of characters the source names: a value holding any other character (or any
   * non-ASCII one) never matches. Null when unknown.
   */
  readonly chars: Uint8Array | null;
  /** Every match holds a run of at least this many ASCII letters (0: unknown). */
  readonly letterRun: number;
}

/** A branch of fixed length whose positions are digits except `literals` (flat [position, character code, …]). */
export interface DigitTemplate {
  readonly length: number;
  readonly digits: number;
  readonly literals: readonly number[];
}

/**
 * Whether a value of `length` characters, `digits` of them ASCII digits, matches one of the
 * templates: its non-digit characters number length - digits, so when each literal position holds
 * its (non-digit) character and the template has as many digit positions as the value has digits,
 * every other position holds a digit.
 */
export function matchesTemplates(templates: readonly DigitTemplate[], v: string, length: number, digits: number): boolean {
  for (let t = 0; t < templates.length; t++) {
    const tpl = templates[t]!;
    if (tpl.length !== length || tpl.digits !== digits) continue;
    const lit = tpl.literals;
    let ok = true;
    for (let k = 0; k < lit.length; k += 2) {
      if (v.charCodeAt(lit[k]!) !== lit[k + 1]!) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

/** The digit template of one branch, or null when it is not one. */
function digitTemplate(branch: string): DigitTemplate | null {
  const read = atoms(branch);
  if (!read || !read.complete || !read.anchoredEnd) return null;
  let length = 0;
  let digits = 0;
  const literals: number[] = [];
  for (const a of read.atoms) {
    if (a.chars === null || a.min !== a.max) return null;
    let count = 0;
    let digitCount = 0;
    let only = -1;
    for (let c = 0; c < 128; c++) {
      if (a.chars[c]) {
        count++;
        only = c;
        if (c >= 48 && c <= 57) digitCount++;
      }
    }
    if (digitCount === 10 && count === 10) digits += a.min;
    else if (count === 1 && digitCount === 0) for (let k = 0; k < a.min; k++) literals.push(length + k, only);
    else return null;
    length += a.min;
  }
  return { length, digits, literals };
}

/** What a match of one branch needs, each checked in constant time. */
export interface BranchGate {
  /** ASCII characters a match of the branch can start with; null: unknown. */
  readonly first: Uint8Array | null;
  /** Every match of the branch is ASCII digits only. */
  readonly digitsOnly: boolean;
  /** Bounds on the length of a match of the whole value (maxLength Infinity: unknown). */
  readonly minLength: number;
  readonly maxLength: number;
}

/** Whether `v` (its first character, length and whether it is all digits given) passes one of the gates. */
export function passesGates(gates: readonly BranchGate[], first: number, length: number, allDigits: boolean): boolean {
  for (let g = 0; g < gates.length; g++) {
    const gate = gates[g]!;
    if (length < gate.minLength || length > gate.maxLength || (gate.digitsOnly && !allDigits)) continue;
    if (gate.first !== null && (first >= 128 || gate.first[first] === 0)) continue;
    return true;
  }
  return false;
}

interface Atom {
  /** ASCII characters the atom matches, or null when it may match anything else too. */
  readonly chars: Uint8Array | null;
  /** The atom may be skipped (quantifier with minimum 0). */
  readonly optional: boolean;
  /** How many times the atom repeats: its quantifier's bounds (1, 1 without one). */
  readonly min: number;
  readonly max: number;
}

const NONE: RegexPrefilter = { first: null, digitsOnly: false, last: null, digitLengths: null, gates: null, templates: null, chars: null, letterRun: 0 };
const SPECIAL = new Set([...'^$|?*+{}()[]\\.']);

function isAlnum(ch: string): boolean {
  return /^[A-Za-z0-9]$/.test(ch);
}

function set(chars: Uint8Array, from: number, to: number): void {
  for (let c = from; c <= to; c++) chars[c] = 1;
}

/** Splits `source` at its top-level `|` (outside groups and classes); null on a malformed source. */
function branches(source: string): string[] | null {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  if (depth !== 0 || inClass) return null;
  out.push(source.slice(from));
  return out;
}

/**
 * Reads the atoms of one branch `^…`: all of them (`complete`, with whether a final `$` anchors
 * the end), or those before the first construct beyond this reading. Null when the branch is not
 * anchored at its start.
 */
function atoms(branch: string): { atoms: Atom[]; anchoredEnd: boolean; complete: boolean } | null {
  if (!branch.startsWith('^')) return null;
  const out: Atom[] = [];
  const partial = () => ({ atoms: out, anchoredEnd: false, complete: false });
  let i = 1;
  let anchoredEnd = false;
  while (i < branch.length) {
    const ch = branch[i]!;
    let chars: Uint8Array | null = new Uint8Array(128);
    if (ch === '$') {
      if (i !== branch.length - 1) return partial();
      anchoredEnd = true;
      break;
    } else if (ch === '\\') {
      const e = branch[i + 1];
      if (e === undefined) return partial();
      if (e === 'd') set(chars, 48, 57);
      else if (!isAlnum(e) && e.charCodeAt(0) < 128) chars[e.charCodeAt(0)] = 1;
      else return partial();
      i += 2;
    } else if (ch === '[') {
      let j = i + 1;
      if (branch[j] === '^') return partial();
      for (; j < branch.length && branch[j] !== ']'; j++) {
        let lo: number;
        if (branch[j] === '\\') {
          const e = branch[++j];
          if (e === 'd') {
            set(chars, 48, 57);
            continue;
          }
          if (e === undefined || isAlnum(e) || e.charCodeAt(0) >= 128) return partial();
          lo = e.charCodeAt(0);
        } else lo = branch.charCodeAt(j);
        if (lo >= 128) return partial();
        if (branch[j + 1] === '-' && branch[j + 2] !== undefined && branch[j + 2] !== ']') {
          const hi = branch.charCodeAt(j + 2);
          if (branch[j + 2] === '\\' || hi >= 128 || hi < lo) return partial();
          set(chars, lo, hi);
          j += 2;
        } else chars[lo] = 1;
      }
      if (j >= branch.length) return partial();
      i = j + 1;
    } else if (ch === '.') {
      chars = null;
      i++;
    } else if (SPECIAL.has(ch) || ch.charCodeAt(0) >= 128) {
      return partial();
    } else {
      chars[ch.charCodeAt(0)] = 1;
      i++;
    }
    // The quantifier, if any.
    let min = 1;
    let max = 1;
    const q = branch[i];
    if (q === '?' || q === '*') {
      min = 0;
      max = q === '?' ? 1 : Infinity;
      i++;
    } else if (q === '+') {
      max = Infinity;
      i++;
    } else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(branch.slice(i));
      if (!m) return partial();
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) return partial();
      i += m[0].length;
    }
    if (branch[i] === '?' && q !== undefined && (q === '?' || q === '*' || q === '+' || q === '{')) i++; // lazy
    out.push({ chars, optional: min === 0, min, max });
  }
  return { atoms: out, anchoredEnd, complete: true };
}

/** Whether the character at `at` is escaped (an odd run of backslashes before it). */
function escaped(source: string, at: number): boolean {
  let n = 0;
  for (let k = at - 1; k >= 0 && source[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

/**
 * The characters a match of one branch ends with, read backwards from its final `$`: a last atom
 * that is a literal character, an escaped punctuation character or `\d`, repeated at least once.
 * Null for anything else (classes, groups, optional atoms, other escapes).
 */
function lastChars(branch: string): Uint8Array | null {
  let e = branch.length - 1;
  if (e < 1 || branch[e] !== '$' || escaped(branch, e)) return null;
  e--;
  // The quantifier: none, `+`, or `{n}` / `{n,}` / `{n,m}` with n ≥ 1 (`?`, `*` and lazy ones: give up).
  if (branch[e] === '+' && !escaped(branch, e)) e--;
  else if (branch[e] === '}' && !escaped(branch, e)) {
    const open = branch.lastIndexOf('{', e);
    if (open < 1 || escaped(branch, open)) return null;
    const m = /^\{(\d+)(,\d*)?\}$/.exec(branch.slice(open, e + 1));
    if (!m || Number(m[1]) < 1) return null;
    e = open - 1;
  }
  const ch = branch[e];
  if (ch === undefined || e < 1) return null;
  const chars = new Uint8Array(128);
  if (escaped(branch, e)) {
    if (ch === 'd') set(chars, 48, 57);
    else if (!isAlnum(ch) && ch.charCodeAt(0) < 128) chars[ch.charCodeAt(0)] = 1;
    else return null;
  } else {
    if (SPECIAL.has(ch) || ch.charCodeAt(0) >= 128) return null;
    chars[ch.charCodeAt(0)] = 1;
  }
  return chars;
}

/**
 * The lengths an all-digit value may have to match the branch (see RegexPrefilter.digitLengths);
 * null when unknown. Besides plain atoms, the branch may hold non-capturing groups of plain atoms
 * (`^(?:\d[ -]?){12,18}\d$`): a group whose one pass takes a to b digits, with a at most 1,
 * repeated m to n times, takes any count from m·a to n·b.
 */
function branchDigitLengths(branch: string): [number, number] | null | 'never' {
  if (!branch.startsWith('^') || !branch.endsWith('$') || escaped(branch, branch.length - 1)) return null;
  let min = 0;
  let max = 0;
  let i = 1;
  const body = branch.length - 1;
  while (i < body) {
    const open = branch.indexOf('(?:', i);
    const end = open < 0 || open >= body ? body : open;
    if (end > i) {
      // Plain atoms up to the next group.
      const d = plainDigitLengths('^' + branch.slice(i, end) + '$');
      if (d === null || d === 'never') return d;
      min += d[0];
      max += d[1];
    }
    if (end === body) break;
    if (escaped(branch, open)) return null;
    const close = branch.indexOf(')', open);
    if (close < 0 || close >= body) return null;
    const inner = branch.slice(open + 3, close);
    if (/[(|]/.test(inner) || escaped(branch, close)) return null;
    const d = plainDigitLengths('^' + inner + '$');
    if (d === null) return null;
    // The group's quantifier.
    let m = 1;
    let n = 1;
    i = close + 1;
    const q = branch[i];
    if (q === '?' || q === '*' || q === '+') {
      m = q === '+' ? 1 : 0;
      n = q === '?' ? 1 : Infinity;
      i++;
    } else if (q === '{') {
      const len = braceQuantifier(branch, i);
      if (len === 0) return null;
      const b = /^\{(\d+)(,(\d*))?\}/.exec(branch.slice(i))!;
      m = Number(b[1]);
      n = b[2] === undefined ? m : b[3] === '' ? Infinity : Number(b[3]);
      if (n < m) return null;
      i += len;
    }
    if (branch[i] === '?' && q !== undefined && (q === '?' || q === '*' || q === '+' || q === '{')) i++; // lazy
    if (d === 'never') {
      if (m > 0) return 'never';
      continue;
    }
    if (d[0] > 1) return null;
    min += m * d[0];
    max += d[1] === 0 ? 0 : n * d[1];
  }
  return [min, max];
}

/** branchDigitLengths of a branch of plain atoms only. */
function plainDigitLengths(branch: string): [number, number] | null | 'never' {
  const read = atoms(branch);
  if (!read || !read.complete || !read.anchoredEnd) return null;
  let min = 0;
  let max = 0;
  for (const a of read.atoms) {
    let digitChars = 10;
    if (a.chars) {
      digitChars = 0;
      for (let c = 48; c <= 57; c++) digitChars += a.chars[c]!;
    }
    if (digitChars === 10) {
      min += a.min;
      max += a.max;
    } else if (digitChars === 0) {
      // An atom no digit matches: the branch matches a digit string only when it may be skipped.
      if (a.min > 0) return 'never';
    } else return null;
  }
  return [min, max];
}

/** Where a quantifier `{n}`, `{n,}` or `{n,m}` starts at `source[at]`: its length, or 0 when it is none. */
function braceQuantifier(source: string, at: number): number {
  const m = /^\{\d+(,\d*)?\}/.exec(source.slice(at, at + 24));
  return m ? m[0].length : 0;
}

/**
 * Adds the characters of the class starting at `source[at]` (`[` … `]`, not negated) to `chars`;
 * returns the index past its `]`, or -1 on anything beyond this reading.
 */
function readClass(source: string, at: number, chars: Uint8Array): number {
  let j = at + 1;
  if (source[j] === '^') return -1;
  for (; j < source.length && source[j] !== ']'; j++) {
    let lo: number;
    if (source[j] === '\\') {
      const e = source[++j];
      if (e === 'd') {
        set(chars, 48, 57);
        continue;
      }
      if (e === 'w') {
        set(chars, 48, 57);
        set(chars, 65, 90);
        set(chars, 97, 122);
        chars[95] = 1;
        continue;
      }
      if (e === undefined || isAlnum(e) || e.charCodeAt(0) >= 128) return -1;
      lo = e.charCodeAt(0);
    } else lo = source.charCodeAt(j);
    if (lo >= 128) return -1;
    if (source[j + 1] === '-' && source[j + 2] !== undefined && source[j + 2] !== ']') {
      const hi = source.charCodeAt(j + 2);
      if (source[j + 2] === '\\' || hi >= 128 || hi < lo) return -1;
      set(chars, lo, hi);
      j += 2;
    } else chars[lo] = 1;
  }
  return j < source.length ? j + 1 : -1;
}

/**
 * The characters a match of `source` can hold (RegexPrefilter.chars): every character of a match
 * is matched by an atom of the source, so the characters of all its atoms, groups and lookarounds
 * included, hold every match's. Only when every top-level branch is `^…$` (without the `m` flag a
 * match is then the whole value) and every atom is ASCII: literal characters, escaped
 * punctuation, `\d`, `\w` and classes of those. Anything else (`.`, `\s`, negated classes, other
 * escapes, named groups) gives null.
 */
function matchChars(source: string): Uint8Array | null {
  const parts = branches(source);
  if (!parts) return null;
  for (const b of parts) if (!b.startsWith('^') || b.length < 2 || b[b.length - 1] !== '$' || escaped(b, b.length - 1)) return null;
  const chars = new Uint8Array(128);
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '^' || ch === '$' || ch === '|' || ch === ')' || ch === '*' || ch === '+' || ch === '?') {
      // Anchors, alternation, group ends and quantifiers (a lazy `?` included) match no character.
      i++;
    } else if (ch === '(') {
      // A group: plain, non-capturing, or a lookaround (its characters only widen the set).
      if (source[i + 1] !== '?') i++;
      else if (source[i + 2] === ':' || source[i + 2] === '=' || source[i + 2] === '!') i += 3;
      else if (source[i + 2] === '<' && (source[i + 3] === '=' || source[i + 3] === '!')) i += 4;
      else return null;
    } else if (ch === '{') {
      const n = braceQuantifier(source, i);
      if (n === 0) return null;
      i += n;
    } else if (ch === '[') {
      i = readClass(source, i, chars);
      if (i < 0) return null;
    } else if (ch === '\\') {
      const e = source[i + 1];
      if (e === undefined) return null;
      if (e === 'd') set(chars, 48, 57);
      else if (e === 'w') {
        set(chars, 48, 57);
        set(chars, 65, 90);
        set(chars, 97, 122);
        chars[95] = 1;
      } else if (e === 'b' || e === 'B') {
        // A word boundary matches no character.
      } else if (!isAlnum(e) && e.charCodeAt(0) < 128) chars[e.charCodeAt(0)] = 1;
      else return null;
      i += 2;
    } else if (ch === '.' || ch === ']' || ch === '}' || ch.charCodeAt(0) >= 128) {
      return null;
    } else {
      chars[ch.charCodeAt(0)] = 1;
      i++;
    }
  }
  return chars;
}

/**
 * The letters every match of `source` holds in one run (RegexPrefilter.letterRun): the longest
 * sequence of top-level atoms that each match ASCII letters only, at least once (`[A-Za-z]{6}`:
 * 6), with only zero-width assertions between them. 0 with a top-level `|` or none such atom.
 */
function mandatoryLetterRun(source: string): number {
  let best = 0;
  let run = 0;
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    let letters = false;
    if (ch === '^' || ch === '$') {
      // Anchors match no character: the atoms around them are adjacent in the value.
      i++;
      continue;
    } else if (ch === '|') {
      return 0;
    } else if (ch === '(') {
      // A group (or lookaround) is skipped whole: what it matches is not read here.
      let depth = 0;
      let inClass = false;
      for (; i < source.length; i++) {
        const c = source[i]!;
        if (c === '\\') i++;
        else if (inClass) inClass = c !== ']';
        else if (c === '[') inClass = true;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      if (i >= source.length) return 0;
      i++;
    } else if (ch === '[') {
      const chars = new Uint8Array(128);
      const end = readClass(source, i, chars);
      if (end < 0) return 0;
      letters = chars.some((v) => v === 1) && chars.every((v, c) => v === 0 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122));
      i = end;
    } else if (ch === '\\') {
      const e = source[i + 1];
      if (e === undefined) return 0;
      i += 2;
      // A word boundary matches no character.
      if (e === 'b' || e === 'B') continue;
    } else {
      const c = source.charCodeAt(i);
      letters = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
      i++;
    }
    // The atom's quantifier: its minimum count of letters.
    let min = 1;
    const q = source[i];
    if (q === '?' || q === '*') {
      min = 0;
      i++;
    } else if (q === '+') i++;
    else if (q === '{') {
      const n = braceQuantifier(source, i);
      if (n > 0) {
        min = Number(/^\{(\d+)/.exec(source.slice(i))![1]);
        i += n;
      }
    }
    if (source[i] === '?' && q !== undefined && (q === '?' || q === '*' || q === '+' || q === '{')) i++; // lazy
    if (letters && min > 0) {
      run += min;
      if (run > best) best = run;
    } else run = 0;
  }
  return best;
}

/** `chars` with both cases of every ASCII letter it holds (in place). */
function caseClose(chars: Uint8Array | null): void {
  if (chars === null) return;
  for (let c = 65; c <= 90; c++) if (chars[c] || chars[c + 32]) chars[c] = chars[c + 32] = 1;
}

/**
 * The pre-filter of `regex`; NONE when its source is beyond this reading. A case-insensitive
 * regex (without the `u` or `v` flag) is read as its source, then every character table takes
 * both cases of its letters: without `u`, an ASCII character of the source matches exactly the
 * ASCII characters of the same letter in either case, and no non-ASCII character (ECMA-262
 * Canonicalize keeps a non-ASCII character from folding to an ASCII one). Its digit templates,
 * which compare exact characters, are dropped.
 */
export function regexPrefilter(regex: RegExp): RegexPrefilter {
  const flags = regex.flags;
  if (/[mgyv]/.test(flags) || (flags.includes('i') && flags.includes('u'))) return NONE;
  const p = readPrefilter(regex.source);
  if (!flags.includes('i') || p === NONE) return p;
  caseClose(p.first);
  caseClose(p.last);
  caseClose(p.chars);
  for (const g of p.gates ?? []) caseClose(g.first);
  return { ...p, templates: null };
}

/** The pre-filter of a regex `source` read with no flags. */
function readPrefilter(source: string): RegexPrefilter {
  const parts = branches(source);
  if (!parts) return NONE;
  const chars = matchChars(source);
  const letterRun = mandatoryLetterRun(source);
  let templates: DigitTemplate[] | null = [];
  for (const b of parts) {
    const tpl = digitTemplate(b);
    if (!tpl) {
      templates = null;
      break;
    }
    templates.push(tpl);
  }
  const last = new Uint8Array(128);
  let lastKnown = true;
  let digitLengths: number[] | null = [];
  for (const b of parts) {
    const l = lastChars(b);
    if (l) for (let c = 0; c < 128; c++) last[c] = last[c]! | l[c]!;
    else lastKnown = false;
    if (digitLengths) {
      const d = branchDigitLengths(b);
      if (d === null) digitLengths = null;
      else if (d !== 'never') digitLengths.push(d[0], d[1]);
    }
  }
  const first = new Uint8Array(128);
  let firstKnown = true;
  let digitsOnly = true;
  const gates: BranchGate[] = [];
  for (const b of parts) {
    const read = atoms(b);
    if (!read) return { ...NONE, last: lastKnown ? last : null, digitLengths, templates, chars, letterRun };
    // Start characters: those of each leading optional atom and of the first required one.
    const firstOfBranch = new Uint8Array(128);
    let required = false;
    for (const a of read.atoms) {
      if (!a.chars) break;
      for (let c = 0; c < 128; c++) if (a.chars[c]) firstOfBranch[c] = 1;
      if (!a.optional) {
        required = true;
        break;
      }
    }
    if (required) for (let c = 0; c < 128; c++) first[c] = first[c]! | firstOfBranch[c]!;
    else firstKnown = false;
    const whole = read.complete && read.anchoredEnd;
    const digits = whole && read.atoms.length > 0 && read.atoms.every((a) => a.chars !== null && a.chars.every((v, c) => v === 0 || (c >= 48 && c <= 57)));
    if (!digits) digitsOnly = false;
    // The atoms read are all in a match: their minimum counts bound its length from below.
    let minLength = 0;
    let maxLength = 0;
    for (const a of read.atoms) {
      minLength += a.min;
      maxLength += a.max;
    }
    gates.push({ first: required ? firstOfBranch : null, digitsOnly: digits, minLength, maxLength: whole ? maxLength : Infinity });
  }
  return { first: firstKnown ? first : null, digitsOnly, last: lastKnown ? last : null, digitLengths, gates, templates, chars, letterRun };
}
